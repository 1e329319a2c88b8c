import type { StatementMode } from '@gatherscope/shared';
import { fingerprintSync } from 'libpg-query';
import type pg from 'pg';
import { inlineParams } from './inline-params';
import { InstrumentedQuery, type QueryLimits, type WireConnection, wire } from './instrumented-query';

export type { StatementMode };

/**
 * How one statement travels, as the user's driver sends it (see `statementModeInfo` in shared).
 * Every mode keeps the guard's layers: the `BEGIN READ ONLY` … `ROLLBACK` block around the
 * statement in the same write, the row and size caps, one statement per query.
 */
export function statementQuery(
  client: pg.Client,
  mode: StatementMode,
  sql: string,
  values: (string | null)[],
  limits: QueryLimits,
  onOversize: () => void,
  /** Called as the statement is sent (its client-side deadline starts then). */
  onSubmit: () => void = () => {},
): InstrumentedQuery {
  if (mode === 'prepared')
    return new PreparedQuery(preparedNamesOf(client), sql, values, limits, onOversize, onSubmit);
  if (mode === 'simple') return SimpleQuery.create(sql, values, limits, onOversize, onSubmit);
  return new InstrumentedQuery(sql, values, limits, onOversize, onSubmit);
}

/** Why a statement is refused before anything is sent (simple mode's check of the inlined text). */
export function refusedBeforeSending(q: InstrumentedQuery): Error | null {
  return q instanceof SimpleQuery ? q.refused : null;
}

/** Names this connection has prepared, by statement text. */
class PreparedNames {
  private readonly byText = new Map<string, { name: string; state: 'sent' | 'failed' }>();
  private next = 1;

  constructor(connection: pg.Connection) {
    // DISCARD ALL (the session reset between trials, guard/read-only-session.ts.ts) and DEALLOCATE ALL drop
    // every prepared statement on the server; the server's own completion tag says it happened,
    // whoever sent it, so the names are forgotten then and prepared again on next use.
    (connection as unknown as NodeJS.EventEmitter).prependListener(
      'commandComplete',
      (msg: { text?: string }) => {
        if (msg.text === 'DISCARD ALL' || msg.text === 'DEALLOCATE ALL') this.byText.clear();
      },
    );
  }

  /**
   * The name to bind, and what to send first: a Parse the first time (after a Close when an
   * earlier Parse of it may have failed: closing a missing name is no error, preparing an existing
   * one is). Null past the cap: a workload has a handful of texts, so that only bounds the server's
   * memory should texts vary; such a statement goes unnamed.
   */
  use(text: string): { name: string; parse: boolean; close: boolean } | null {
    const known = this.byText.get(text);
    if (known?.state === 'sent') return { name: known.name, parse: false, close: false };
    if (!known && this.byText.size >= MAX_PREPARED) return null;
    const name = known?.name ?? `gatherscope_${this.next++}`;
    this.byText.set(text, { name, state: 'sent' });
    return { name, parse: true, close: known !== undefined };
  }

  forget(): void {
    this.byText.clear();
  }

  /** Its Parse may have failed (a syntax error): prepare it again, under the same name, next time. */
  failed(text: string): void {
    const known = this.byText.get(text);
    if (known) known.state = 'failed';
  }
}

const MAX_PREPARED = 200;
const names = new WeakMap<pg.Client, PreparedNames>();

/**
 * DISCARD ALL or DEALLOCATE ALL ran where node-postgres did not read its completion (the load
 * path's own reader, db/load/load-connection.ts): this connection's names are gone on the server.
 */
export function forgetPrepared(client: pg.Client): void {
  names.get(client)?.forget();
}

function preparedNamesOf(client: pg.Client): PreparedNames {
  let n = names.get(client);
  if (!n) {
    n = new PreparedNames((client as unknown as { connection: pg.Connection }).connection);
    names.set(client, n);
  }
  return n;
}

/** Prepared once per connection under a name, then only bound and executed (asyncpg, pgx). */
class PreparedQuery extends InstrumentedQuery {
  private parsed = false;

  constructor(
    private readonly prepared: PreparedNames,
    text: string,
    values: (string | null)[],
    limits: QueryLimits,
    onOversize: () => void,
    onSubmit: () => void,
  ) {
    super(text, values, limits, onOversize, onSubmit);
  }

  protected override writeStatement(con: WireConnection): void {
    const use = this.prepared.use(this.text);
    if (!use) {
      super.writeStatement(con);
      return;
    }
    if (use.close) con.close({ type: 'S', name: use.name });
    if (use.parse) con.parse({ name: use.name, text: this.text });
    this.parsed = use.parse;
    con.bind({ statement: use.name, values: this.values });
    con.describe({ type: 'P', name: '' });
    con.execute({ portal: '', rows: this.limits.maxRows + 1 });
  }

  override handleError(err: Error): void {
    // An error before the statement ran (its BEGIN, its Parse) may have skipped or failed the
    // Parse; once it returned rows, the Parse had succeeded.
    if (this.parsed && this.stage !== 'after' && this.timing.rows === 0) this.prepared.failed(this.text);
    super.handleError(err);
  }
}

/**
 * The simple query protocol with the parameters inlined (psycopg2, Django). The read-only block
 * travels in the same Query message (`BEGIN READ ONLY; …; ROLLBACK`), so it still costs no round
 * trip, and one ReadyForQuery ends it all (a separate BEGIN would end in an open transaction, which
 * guard/read-only-session.ts cuts off). The inlined text is what the server runs, so it must be the statement
 * the policy checked (inlinedProblem): with correct quoting it always is, and it is checked anyway
 * because the simple protocol, unlike the extended one, would run a second statement.
 */
/**
 * The statement policy (src/guard/) checked `sql`; with its values inlined it must still be that
 * statement. PostgreSQL's fingerprint ignores constants and parameters, so it is the same exactly
 * when only values took the placeholders' places: a second statement or a changed clause differs.
 */
function inlinedProblem(sql: string, text: string): string | null {
  try {
    return fingerprintSync(text) === checkedFingerprint(sql)
      ? null
      : 'it is no longer the statement that was checked';
  } catch (err) {
    return `PostgreSQL's parser rejects it: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * The fingerprints of the statements the policy checked, by text: a workload has a handful, and a
 * load test inlines values into them thousands of times a second (only the inlined text's own
 * fingerprint has to be computed each time).
 */
const checked = new Map<string, string>();
function checkedFingerprint(sql: string): string {
  let f = checked.get(sql);
  if (f === undefined) {
    f = fingerprintSync(sql);
    if (checked.size >= 1_000) checked.clear();
    checked.set(sql, f);
  }
  return f;
}

class SimpleQuery extends InstrumentedQuery {
  refused: Error | null = null;
  private oversize = false;

  static create(
    sql: string,
    values: (string | null)[],
    limits: QueryLimits,
    onOversize: () => void,
    onSubmit: () => void = () => {},
  ) {
    let text = sql;
    let refused: Error | null = null;
    try {
      text = inlineParams(sql, values);
      const problem = values.length > 0 ? inlinedProblem(sql, text) : null;
      if (problem) refused = new Error(`The statement with its parameters inlined is refused: ${problem}.`);
    } catch (err) {
      refused = err instanceof Error ? err : new Error(String(err));
    }
    const q = new SimpleQuery(text, [], limits, onOversize, onSubmit);
    q.refused = refused;
    if (refused) q.timing.sentAt = performance.now();
    return q;
  }

  override submit(connection: pg.Connection): Error | undefined {
    this.timing.sentAt = performance.now();
    // Never sent: pg reports the returned error to handleError and goes on with its queue.
    if (this.refused) return this.refused;
    // Newlines, not only semicolons: a statement ending in a -- comment must not swallow ROLLBACK.
    const text = this.limits.readOnly ? `BEGIN READ ONLY;\n${this.text}\n;ROLLBACK` : this.text;
    if (this.limits.readOnly) this.stage = 'begin';
    this.sending(connection);
    wire(connection).query(text);
    this.timing.sentAt = performance.now();
    return undefined;
  }

  override handleDataRow(msg: { length: number; fields: (string | null)[] }): void {
    // No row limit in this protocol: past the cap the rows are no longer counted (nothing is kept
    // anyway), while their bytes still are, so the size cap still stops an endless result.
    if (this.stage === 'statement' && this.timing.rows > this.limits.maxRows) {
      if (this.meterTripped) return;
      this.timing.bytes += msg.length;
      if (this.timing.bytes > this.limits.maxBytes && !this.oversize && this.timing.exceeded !== 'bytes') {
        this.oversize = true;
        this.onOversize();
      }
      return;
    }
    super.handleDataRow(msg);
    if (this.stage === 'statement' && this.timing.rows > this.limits.maxRows) this.timing.exceeded ??= 'rows';
  }

  override handleError(err: Error): void {
    super.handleError(err);
    // Inside one Query message an error skips the rest, ROLLBACK included, wherever it happened;
    // a refused statement was never sent.
    this.timing.needsRollback = !this.refused && this.limits.readOnly;
  }
}
