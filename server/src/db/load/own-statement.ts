import type pg from 'pg';
import type { QueryTiming } from '../profiler/instrumented-query';
import { asLoadClient } from './load-client';
import type { LoadStatement } from './load-connection';
import type { LoadPool } from './load-pool';
import type { PoolBackends } from './pool-backends';
import type { BookEntry, StatementBook } from './statement-book';

/** A statement of the load path's own reader (load-connection.ts), as one object: no closures per statement. */
export class OwnStatement implements LoadStatement {
  readonly book: StatementBook;
  readonly prepared: boolean;
  readonly maxRows: number;
  readonly maxBytes: number;
  /** Given up on by the deadline sweep: its failure says so. */
  silent = false;

  constructor(
    private readonly pool: LoadPool,
    private readonly client: pg.Client,
    readonly entry: BookEntry,
    readonly values: readonly (string | null)[],
    readonly keepRow: boolean,
    private readonly resolve: (t: QueryTiming) => void,
  ) {
    this.book = pool.statementBook;
    this.prepared = pool.statementMode === 'prepared';
    this.maxRows = pool.resultLimits.maxRows;
    this.maxBytes = pool.resultLimits.maxBytes;
  }

  onOversize(): void {
    this.pool.backends.abandon(this.client);
  }

  onSent(): void {}

  done(t: QueryTiming): void {
    this.resolve(this.pool.ownDone(this.client, t, this.silent));
  }
}

/**
 * The server's statement_timeout can be set to 0 by the statement itself, and a silent network
 * answers nothing: an own statement unanswered past its limit plus a grace (from when it was sent,
 * not queued behind others of a single-connection request) has its connection given up on, by one
 * sweep over the connections in flight rather than a timer per statement. False when none is.
 */
export function sweepOwnStatements(backends: PoolBackends, now = performance.now()): boolean {
  if (backends.inFlightCount === 0) return false;
  for (const c of backends.inFlight()) {
    const load = asLoadClient(c).load;
    const s = load.statement as OwnStatement | null;
    if (s && now - load.sentAt > backends.deadlineMs) {
      s.silent = true;
      backends.abandon(c);
    }
  }
  return true;
}
