import type pg from 'pg';
import type { InstrumentedQuery, QueryTiming } from './instrumented-query';
import { refusedBeforeSending } from './statement-mode';

/**
 * pg's client state that decides which query the next message belongs to (pg/lib/client.js, pg
 * 8.23; pipeline-query.test.ts fails at once should a pg upgrade rename it).
 */
interface ClientDispatch {
  _activeQuery: unknown;
  readyForQuery: boolean;
}

/** An ErrorResponse from the server (pg-protocol's DatabaseError), not a dead socket. */
const fromServer = (err: Error) => 'severity' in err;

/**
 * Several statements written to the socket in one go, without waiting for any answer (pgx Batch,
 * psycopg 3 pipeline). Each statement ends with its own Sync, as its InstrumentedQuery writes it,
 * so an error ends only that statement's transaction: the server answers the next one as usual.
 * The server still runs them one after another; what is saved is the round trip between them.
 *
 * pg runs one Submittable at a time and takes every ReadyForQuery as its end, so this one stays
 * pg's active query until the last statement's ReadyForQuery, and hands each message to the
 * statement it belongs to (answers come in the order the statements were sent). Every statement
 * keeps its own timing: sent, first row, done.
 */
class PipelinedQueries implements pg.Submittable {
  private at = 0;
  /** The current statement already settled with its error; its ReadyForQuery only moves on. */
  private failedHere = false;

  constructor(
    private readonly client: pg.Client,
    private readonly queries: readonly InstrumentedQuery[],
  ) {}

  submit(connection: pg.Connection): void {
    const stream = (connection as unknown as { stream: { cork?: () => void; uncork?: () => void } }).stream;
    // One write for all of them (each statement corks too; cork counts, so this outer one holds).
    stream.cork?.();
    try {
      for (const q of this.queries) q.submit(connection);
    } finally {
      stream.uncork?.();
    }
  }

  private get current(): InstrumentedQuery | undefined {
    return this.queries[this.at];
  }

  private stayActive(): void {
    const c = this.client as unknown as ClientDispatch;
    c._activeQuery = this;
    c.readyForQuery = false;
  }

  handleRowDescription(msg: { fields: { name: string }[] }): void {
    this.current?.handleRowDescription(msg);
  }
  handleDataRow(msg: { length: number; fields: (string | null)[] }): void {
    this.current?.handleDataRow(msg);
  }
  handleCommandComplete(): void {
    this.current?.handleCommandComplete();
  }
  handlePortalSuspended(): void {
    this.current?.handlePortalSuspended();
  }
  handleEmptyQuery(): void {
    this.current?.handleEmptyQuery();
  }
  handleCopyInResponse(connection: pg.Connection): void {
    this.current?.handleCopyInResponse(connection);
  }
  handleCopyData(msg: { chunk?: Buffer }): void {
    this.current?.handleCopyData(msg);
  }

  handleError(err: Error): void {
    if (fromServer(err) && this.at < this.queries.length) {
      this.current?.handleError(err);
      this.failedHere = true;
      // pg let go of this query; its ReadyForQuery and the other statements' answers still come.
      this.stayActive();
      return;
    }
    // The connection is gone (or pg gave up on it): no statement still waiting will be answered.
    for (const q of this.queries.slice(this.failedHere ? this.at + 1 : this.at)) q.handleError(err);
    this.at = this.queries.length;
  }

  handleReadyForQuery(): void {
    if (!this.failedHere) this.current?.handleReadyForQuery();
    this.failedHere = false;
    this.at += 1;
    if (this.at < this.queries.length) this.stayActive();
  }
}

/**
 * Sends the statements pipelined on `client` and resolves with each one's timing, in order; never
 * rejects. A statement refused before sending (simple mode's policy check) fails on its own.
 */
export function runPipeline(
  client: pg.Client,
  queries: readonly InstrumentedQuery[],
): Promise<QueryTiming[]> {
  const sendable: InstrumentedQuery[] = [];
  for (const q of queries) {
    const refused = refusedBeforeSending(q);
    if (refused) q.handleError(refused);
    else sendable.push(q);
  }
  if (sendable.length > 0) client.query(new PipelinedQueries(client, sendable));
  return Promise.all(queries.map((q) => q.done));
}

/** 25P02: the statement came after an error inside a transaction block, so it never ran. */
const NEVER_RAN = '25P02';
const sqlstate = (t: QueryTiming) => (t.error as { code?: string } | null)?.code;

/**
 * A pipeline under the read-only guard. Each statement runs inside its own `BEGIN READ ONLY` …
 * `ROLLBACK` and Sync, exactly as when sent alone (so a statement can never see what another one
 * did to the session, and every one is read-only whatever the one before changed). The price:
 * an error inside a block leaves it aborted past its Sync, so the statements already sent behind
 * it fail with 25P02 without running. Then the block is rolled back (`rollback`) and those
 * statements are sent again as a pipeline of their own: an error costs one more round trip for
 * the statements after it, and one error never fails the others. (A ROLLBACK ahead of every block
 * would avoid that round trip, but would log "there is no transaction in progress" on the user's
 * database for every statement that succeeded.)
 */
export async function runGuardedPipeline(
  client: pg.Client,
  make: (i: number) => InstrumentedQuery,
  count: number,
  rollback: () => Promise<boolean>,
): Promise<QueryTiming[]> {
  const out: QueryTiming[] = [];
  let pending = Array.from({ length: count }, (_, i) => i);
  while (pending.length > 0) {
    const timings = await runPipeline(client, pending.map(make));
    pending.forEach((i, k) => {
      out[i] = timings[k]!;
    });
    const firstFailure = timings.findIndex((t) => t.needsRollback);
    if (firstFailure < 0 || !(await rollback())) break;
    const again = pending.filter((_, k) => k > firstFailure && sqlstate(timings[k]!) === NEVER_RAN);
    if (again.length === 0) break;
    pending = again;
  }
  return out;
}
