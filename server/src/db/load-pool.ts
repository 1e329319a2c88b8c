import pg from 'pg';
import { type SessionViolation, watchSession } from './guard-session';
import { inlinerLoaded, loadInliner } from './inline-params';
import { runPipeline } from './pipeline-query';
import { defaultConnectionLimits, guardedConnectionString } from './profiler-connection';
import { dropSocket, type QueryLimits, type QueryTiming } from './profiler-query';
import { type StatementMode, statementQuery } from './statement-mode';

export interface LoadPoolOptions {
  /** Where the virtual users connect (possibly through the latency proxy). */
  url: string;
  size: number;
  /** Marks every backend of this pool in pg_stat_activity, so it can be watched and cancelled. */
  applicationName: string;
  statementTimeoutMs?: number;
  /** A query that waits longer than this for a free connection fails with `pool-timeout`. */
  connectionTimeoutMs?: number;
  /** Every transaction read-only on the server: a load test never writes to a database it may not. */
  readOnly?: boolean;
  /** Result caps per statement; the profiler's (10,000 rows, 16 MB) unless a test needs smaller ones. */
  maxRows?: number;
  maxBytes?: number;
  /** How statements travel (statement-mode.ts): the virtual users' driver. */
  statementMode?: StatementMode;
}

export interface Lease {
  client: pg.PoolClient;
  /** Time spent waiting for the pool to hand out a connection (includes connecting). */
  waitMs: number;
  acquiredAt: number;
}

/**
 * A pg pool that keeps the integral of busy connections over time, so utilisation is measured, not
 * guessed: `busyMs / (size × elapsed)`.
 */
export class LoadPool {
  readonly pool: pg.Pool;
  readonly size: number;
  // No `BEGIN READ ONLY … ROLLBACK` block per statement (throughput): the session is read-only from
  // its startup packet and watched by guard-session; only the row and size caps apply here.
  private readonly limits: QueryLimits;
  private readonly mode: StatementMode;
  /** Pipelines keep the read-only block per statement (see `pipeline`). */
  private readonly pipelineLimits: QueryLimits;
  /** Why the session watchdog cut a connection off, to group its failures under that reason. */
  private readonly violations = new WeakMap<pg.Client, SessionViolation>();
  /** Sessions cut off so far: while 0, nobody needs to look a lease up in `violations`. */
  sessionsCut = 0;
  private busy = 0;
  private busyMs = 0;
  private lastChange = performance.now();

  constructor(opts: LoadPoolOptions) {
    this.size = opts.size;
    this.mode = opts.statementMode ?? 'extended';
    this.limits = {
      maxRows: opts.maxRows ?? defaultConnectionLimits.maxRows,
      maxBytes: opts.maxBytes ?? defaultConnectionLimits.maxBytes,
      readOnly: false,
    };
    this.pipelineLimits = { ...this.limits, readOnly: opts.readOnly === true };
    this.pool = new pg.Pool({
      // Without the URL parameters that would override the guard (`?options=…`, `?statement_timeout=`).
      ...guardedConnectionString(opts.url, opts.readOnly === true),
      max: opts.size,
      application_name: opts.applicationName,
      statement_timeout: opts.statementTimeoutMs ?? 30_000,
      lock_timeout: 5_000,
      idle_in_transaction_session_timeout: 10_000,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 10_000,
      idleTimeoutMillis: 30_000,
    });
    // A backend killed or a database restarted mid-test surfaces here for idle clients; the failing
    // query of a busy client reports it as that request's error. Neither may crash the server.
    this.pool.on('error', () => {});
    // Statements run without a read-only block here (throughput): a session a statement switched to
    // read-write, or left in a transaction, is cut off before its next query (db/guard-session.ts).
    this.pool.on('connect', (client) => {
      // A backend killed while its client is checked out but between queries emits 'error' on the
      // client, where the pool's listener does not reach; unheard, it would crash the process.
      client.on('error', () => {});
      watchSession(client, { readOnly: opts.readOnly === true, connected: true }, (v) => {
        this.violations.set(client, v);
        this.sessionsCut++;
      });
    });
  }

  private tick(delta: number): void {
    const now = performance.now();
    this.busyMs += this.busy * (now - this.lastChange);
    this.lastChange = now;
    this.busy += delta;
  }

  async acquire(): Promise<Lease> {
    const t0 = performance.now();
    const client = await this.pool.connect();
    const acquiredAt = performance.now();
    this.tick(1);
    return { client, waitMs: acquiredAt - t0, acquiredAt };
  }

  /**
   * Runs one statement on a leased connection over the extended protocol, counting rows and bytes
   * at the protocol level (no row objects: the generator's CPU bounds its throughput) with the row
   * cap in Execute's row limit. A result past the size cap gets its socket destroyed, so the server
   * stops sending at once; the caller releases that lease as broken. Never rejects.
   */
  run(lease: Lease, sql: string, values: (string | null)[]): Promise<QueryTiming> {
    // Simple mode needs PostgreSQL's scanner loaded (once); the other modes pay no extra await.
    if (this.mode === 'simple' && !inlinerLoaded())
      return loadInliner().then(() => this.run(lease, sql, values));
    const query = statementQuery(lease.client, this.mode, sql, values, this.limits, () =>
      dropSocket(lease.client),
    );
    lease.client.query(query);
    return query.done;
  }

  /**
   * Runs the statements pipelined on a leased connection (pipeline-query.ts). Never rejects.
   * Unlike `run`, each statement keeps its `BEGIN READ ONLY` … `ROLLBACK` block on a read-only
   * pool: the session watchdog cuts a connection off when a statement loosened its session, but in
   * a pipeline the next statements are already in the server's hands by then, and would run
   * read-write (security/load-escape.test.ts). The block makes each one read-only on its own.
   */
  async pipeline(lease: Lease, statements: readonly { sql: string; values: (string | null)[] }[]) {
    if (this.mode === 'simple') await loadInliner();
    const queries = statements.map((s) =>
      statementQuery(lease.client, this.mode, s.sql, s.values, this.pipelineLimits, () =>
        dropSocket(lease.client),
      ),
    );
    const timings = await runPipeline(lease.client, queries);
    // A failed block stays aborted past its Sync: rolled back before the connection is reused (a
    // request ends at its first error, so the statements it aborted behind it are not sent again).
    if (timings.some((t) => t.needsRollback)) {
      await lease.client.query('ROLLBACK').catch(() => dropSocket(lease.client));
    }
    return timings;
  }

  /** Why the watchdog cut this lease's session off, if it did. */
  violationOf(lease: Lease): SessionViolation | undefined {
    return this.violations.get(lease.client);
  }

  /** Returns the connection; a broken one is destroyed rather than handed to the next user. */
  release(lease: Lease, broken: boolean): number {
    this.tick(-1);
    lease.client.release(broken ? true : undefined);
    return performance.now() - lease.acquiredAt;
  }

  /** Connection-milliseconds in use so far. */
  busyIntegral(): number {
    this.tick(0);
    return this.busyMs;
  }

  get waiting(): number {
    return this.pool.waitingCount;
  }

  async end(): Promise<void> {
    await this.pool.end().catch(() => {});
  }
}
