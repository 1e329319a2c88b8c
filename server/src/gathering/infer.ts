import type { CapturedRequest, CapturedStatement } from '@gatherscope/shared';
import { isControl, isWrite, statementLabels } from './labels';

/** Why a statement must wait for another one. */
export type EdgeKind = 'data' | 'transaction' | 'write-read' | 'read-write' | 'write-order';

export interface InferredEdge {
  /** Statement ids: `to` waits for `from`. */
  from: string;
  to: string;
  kind: EdgeKind;
  reason: string;
}

export interface InferredGraph {
  /** data: from result values seen in the capture; timing: an imported trace, which has none. */
  basis: 'data' | 'timing';
  labels: Map<string, string>;
  edges: InferredEdge[];
}

/** Whether a connection is inside a transaction block after this statement, from its SQL alone. */
function transactionAfter(sql: string, before: boolean): boolean {
  const head = sql.replace(/^(\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '').toUpperCase();
  if (/^(BEGIN|START\s+TRANSACTION)\b/.test(head)) return true;
  if (/^(COMMIT|END|ROLLBACK|ABORT)\b/.test(head) && !/^ROLLBACK\s+TO\b/.test(head)) return false;
  return before;
}

/**
 * The explicit transactions of a request: from the statement after which the server said "in a
 * transaction" to the one that ended it, on one connection, in order. A trace has no transaction
 * status: there BEGIN and COMMIT (and their synonyms) in the SQL say it. `statements` in time order.
 */
export function explicitTransactions(statements: readonly CapturedStatement[]): CapturedStatement[][] {
  const blocks: CapturedStatement[][] = [];
  const byConnection = new Map<number, CapturedStatement[]>();
  for (const s of statements) byConnection.set(s.connection, [...(byConnection.get(s.connection) ?? []), s]);
  for (const list of byConnection.values()) {
    let block: CapturedStatement[] | null = null;
    let inside = false;
    for (const s of list) {
      if (inside) block?.push(s);
      const after: boolean = s.txStatus !== null ? s.txStatus !== 'idle' : transactionAfter(s.sql, inside);
      if (after && !inside) {
        block = [s];
        blocks.push(block);
      }
      if (!after) block = null;
      inside = after;
    }
  }
  return blocks;
}

const shorten = (v: string) => (v.length > 24 ? `${v.slice(0, 21)}…` : v);

/** The value a statement used where a value reference points: its bind parameter, or its literal. */
function usedValue(s: CapturedStatement, use: CapturedStatement['valueRefs'][number]['use']): string {
  if (use.kind === 'param') return s.params[use.index] ?? 'NULL';
  const m = /^(?:[eE]?'((?:[^']|'')*)'|(-?[\d.]+))/.exec(s.sql.slice(use.offset));
  return m ? (m[1]?.replace(/''/g, "'") ?? m[2] ?? '') : 'a value';
}

/**
 * Which statements of one captured request must wait for which, and why:
 * - data flow: a statement uses a value (bind parameter or literal) that an earlier statement of the
 *   request returned: it depends on the earliest statement that returned it;
 * - one explicit transaction keeps its statements in order on one connection;
 * - a statement that reads a table an earlier statement of the request wrote depends on that write,
 *   and a write waits for the earlier reads of the tables it writes (they must not see it);
 * - writes are never reordered among themselves.
 * Only what the data shows: a statement with no such reason is free to run at once.
 */
export function inferDependencies(
  request: CapturedRequest,
  basis: InferredGraph['basis'] = 'data',
): InferredGraph {
  const statements = [...request.statements].sort((a, b) => a.startMs - b.startMs);
  const labels = statementLabels(statements);
  const label = (id: string) => labels.get(id) ?? id;
  const edges: InferredEdge[] = [];
  const seen = new Set<string>();
  const add = (from: string, to: string, kind: EdgeKind, reason: string) => {
    if (from === to || seen.has(`${from}>${to}`)) return;
    seen.add(`${from}>${to}`);
    edges.push({ from, to, kind, reason });
  };
  const known = new Set(statements.map((s) => s.id));

  // Data flow (capture only: a trace carries no result values).
  for (const s of statements) {
    for (const ref of s.valueRefs) {
      if (!known.has(ref.statementId)) continue;
      const value = shorten(usedValue(s, ref.use));
      add(
        ref.statementId,
        s.id,
        'data',
        `${label(s.id)} uses ${value}, returned by ${label(ref.statementId)}.${ref.column}`,
      );
    }
  }

  // Explicit transactions: one connection, in order.
  for (const block of explicitTransactions(statements)) {
    for (const [i, s] of block.entries()) {
      const previous = block[i - 1];
      if (previous) add(previous.id, s.id, 'transaction', `same transaction as ${label(previous.id)}`);
    }
  }

  // Reads after writes, writes after reads, and writes in their order.
  const writes: CapturedStatement[] = [];
  const reads: CapturedStatement[] = [];
  for (const s of statements) {
    if (isControl(s)) continue;
    for (const w of writes) {
      const table = s.tablesRead.find((t) => w.tablesWritten.includes(t));
      if (table) add(w.id, s.id, 'write-read', `reads ${table}, which ${label(w.id)} wrote`);
    }
    for (const r of reads) {
      const table = s.tablesWritten.find((t) => r.tablesRead.includes(t));
      if (table) add(r.id, s.id, 'read-write', `writes ${table}, which ${label(r.id)} read before`);
    }
    if (s.tablesRead.length > 0) reads.push(s);
    if (isWrite(s)) {
      const last = writes.at(-1);
      if (last) add(last.id, s.id, 'write-order', `writes stay in order (after ${label(last.id)})`);
      writes.push(s);
    }
  }
  return { basis, labels, edges };
}
