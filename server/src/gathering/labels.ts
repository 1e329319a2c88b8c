import type { CapturedStatement } from '@gatherscope/shared';

/** Transaction control and session commands: kept for ordering, never replayed as queries. */
const CONTROL =
  /^(BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE TRANSACTION|SET|RESET|DISCARD|DEALLOCATE|LISTEN|UNLISTEN|SHOW)\b/i;

/** The SQL without leading comments and blanks (sqlcommenter tags may be prepended). */
function headOf(sql: string): string {
  let s = sql.trimStart();
  for (;;) {
    const end = s.startsWith('--') ? s.indexOf('\n') + 1 : s.startsWith('/*') ? s.indexOf('*/') + 2 : -1;
    if (end === -1) return s;
    s = end <= 1 ? '' : s.slice(end).trimStart();
  }
}

/** Is this statement transaction control or session state (BEGIN, COMMIT, SET …)? */
export function isControl(s: Pick<CapturedStatement, 'sql' | 'commandTag'>): boolean {
  const tag = s.commandTag?.split(' ')[0];
  if (tag && CONTROL.test(tag)) return true;
  return CONTROL.test(headOf(s.sql));
}

/** Does it change data (a write the replay needs Allow writes for)? */
export function isWrite(s: Pick<CapturedStatement, 'tablesWritten' | 'commandTag'>): boolean {
  // DDL too: a table created, altered or dropped orders the statements that use it.
  return (
    s.tablesWritten.length > 0 ||
    /^(INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|TRUNCATE|COMMENT|GRANT|REVOKE|REFRESH)/.test(
      s.commandTag ?? '',
    )
  );
}

/**
 * A short, unique, workload-safe name for each statement, from the table it is about (`users`,
 * `orders`, `orders_2`), so that reasons read "orders uses 1042, returned by users.id".
 */
export function statementLabels(statements: readonly CapturedStatement[]): Map<string, string> {
  const used = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const s of statements) {
    const table = (s.tablesWritten[0] ?? s.tablesRead[0])?.split('.').at(-1);
    const base = (
      table ??
      (isControl(s) ? headOf(s.sql).split(/\s/)[0]?.toLowerCase() : undefined) ??
      'query'
    )
      .replace(/[^A-Za-z0-9_-]/g, '_')
      .replace(/^[^A-Za-z]+/, '')
      .slice(0, 40);
    const name = base || 'query';
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    labels.set(s.id, n === 1 ? name : `${name}_${n}`);
  }
  return labels;
}
