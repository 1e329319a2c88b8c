import pg from 'pg';
import { type SessionViolation, watchSession } from '../guard/read-only-session';
import { inlinerLoaded, loadInliner } from '../profiler/inline-params';
import { defaultConnectionLimits, guardedConnectionString } from '../profiler/instrumented-connection';
import { dropSocket, type QueryLimits, type QueryTiming } from '../profiler/instrumented-query';
import { runPipeline } from '../profiler/pipeline-query';
import { forgetPrepared, type StatementMode, statementQuery } from '../profiler/statement-mode';
import { asLoadClient, LoadClient } from './load-client';
import { OwnStatement, sweepOwnStatements } from './own-statement';
import { PoolBackends } from './pool-backends';
import { StatementBook } from './statement-book';

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
  /** How long past its statement timeout a statement may go unanswered before its socket is dropped. */
  answerGraceMs?: number;
  /**
   * Learns the pid of a backend whose socket was dropped while its statement may still run (over
   * the byte cap, silent past its time limit, or abandoned on stop): the caller ends it by pid.
   */
  onAbandon?: (pid: number) => void;
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
  // its startup packet and watched by guard/read-only-session.ts; only the row and size caps apply here.
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
  /** Each connection's backend: which run a statement, which were dropped (pool-backends.ts). */
  readonly backends: PoolBackends;
  /** The extended and prepared modes' statements, encoded once per text (load-connection.ts). */
  private readonly book: StatementBook;
  /** Statements of the load path's own reader past their deadline: one sweep, not a timer per statement. */
  private sweeper: NodeJS.Timeout | undefined;
  private readonly sweepEveryMs: number;
  /** Connections checked out of pg's pool and idle here, for the next request. */
  private readonly free: pg.PoolClient[] = [];
  private ending = false;

  constructor(opts: LoadPoolOptions) {
    this.size = opts.size;
    this.mode = opts.statementMode ?? 'extended';
    this.limits = {
      maxRows: opts.maxRows ?? defaultConnectionLimits.maxRows,
      maxBytes: opts.maxBytes ?? defaultConnectionLimits.maxBytes,
      readOnly: false,
    };
    this.pipelineLimits = { ...this.limits, readOnly: opts.readOnly === true };
    const statementTimeoutMs = opts.statementTimeoutMs ?? 30_000;
    const deadlineMs = statementTimeoutMs + (opts.answerGraceMs ?? 5_000);
    this.backends = new PoolBackends(deadlineMs, opts.onAbandon ?? (() => {}));
    this.book = new StatementBook(this.limits.maxRows);
    // A deadline is met within a tenth of itself (within 1 s for the default 35 s).
    this.sweepEveryMs = Math.min(1_000, Math.max(20, deadlineMs / 10));
    this.pool = new pg.Pool({
      // Rows are metered on the socket, before pg buffers them (wire-meter.ts); extended and
      // prepared statements are read by the load path itself (load-client.ts).
      Client: LoadClient,
      // Without the URL parameters that would override the guard (`?options=…`, `?statement_timeout=`).
      ...guardedConnectionString(opts.url, opts.readOnly === true),
      max: opts.size,
      application_name: opts.applicationName,
      statement_timeout: statementTimeoutMs,
      lock_timeout: 5_000,
      idle_in_transaction_session_timeout: 10_000,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 10_000,
      idleTimeoutMillis: 30_000,
    });
    // A backend killed or a database restarted mid-test surfaces here for idle clients; the failing
    // query of a busy client reports it as that request's error. Neither may crash the server.
    this.pool.on('error', () => {});
    // Ending pg's pool (here or by a test's pool.pool.end()) ends the connections kept here too.
    const endPool = this.pool.end.bind(this.pool) as () => Promise<void>;
    (this.pool as { end: () => Promise<void> }).end = () => {
      this.returnFree();
      return endPool();
    };
    // Statements run without a read-only block here (throughput): a session a statement switched to
    // read-write, or left in a transaction, is cut off before its next query (db/guard/read-only-session.ts).
    this.pool.on('connect', (client) => {
      // A backend killed while its client is checked out but between queries emits 'error' on the
      // client, where the pool's listener does not reach; unheard, it would crash the process.
      client.on('error', () => {});
      this.backends.add(client);
      const load = asLoadClient(client).load;
      load.watch = watchSession(client, { readOnly: opts.readOnly === true, connected: true }, (v) => {
        this.violations.set(client, v);
        this.sessionsCut++;
      });
      // Prepared names are forgotten whichever reader saw the server drop them.
      load.onDeallocated = () => forgetPrepared(client);
      (client as unknown as { connection: NodeJS.EventEmitter }).connection.prependListener(
        'commandComplete',
        (msg: { text?: string }) => {
          if (msg.text === 'DISCARD ALL' || msg.text === 'DEALLOCATE ALL') load.forgetPrepared();
        },
      );
    });
  }

  private tick(delta: number): void {
    const now = performance.now();
    this.busyMs += this.busy * (now - this.lastChange);
    this.lastChange = now;
    this.busy += delta;
  }

  acquire(): Promise<Lease> {
    const t0 = performance.now();
    // A connection this pool kept: no trip through pg's pool (which arms a connection timer,
    // an idle timer, a listener and a tick per checkout: the generator's CPU bounds its throughput).
    for (let client = this.free.pop(); client; client = this.free.pop()) {
      if (this.backends.usable(client)) {
        this.tick(1);
        return Promise.resolve({ client, waitMs: 0, acquiredAt: t0 });
      }
      // Its backend ended while it waited here (a DBA's kill, a restart): pg's pool drops it.
      client.release(true);
    }
    return this.pool.connect().then((client) => {
      const acquiredAt = performance.now();
      this.tick(1);
      return { client, waitMs: acquiredAt - t0, acquiredAt };
    });
  }

  /**
   * Runs one statement on a leased connection over the extended protocol, counting rows and bytes
   * at the protocol level (no row objects: the generator's CPU bounds its throughput) with the row
   * cap in Execute's row limit. A result past the size cap gets its socket destroyed, so the server
   * stops sending at once; the caller releases that lease as broken. Never rejects.
   */
  run(lease: Lease, sql: string, values: (string | null)[], keepFirstRow = true): Promise<QueryTiming> {
    const { client } = lease;
    // Extended and prepared statements go through the load path's own reader and writer, unless
    // node-postgres has something of its own on the connection (it answers in order).
    if (this.mode !== 'simple' && asLoadClient(client).pgIdle) {
      return this.runOwn(asLoadClient(client), sql, values, keepFirstRow);
    }
    // Simple mode needs PostgreSQL's scanner loaded (once); the other modes pay no extra await.
    if (this.mode === 'simple' && !inlinerLoaded())
      return loadInliner().then(() => this.run(lease, sql, values, keepFirstRow));
    const abandon = () => this.backends.abandon(client);
    // The server's statement_timeout can be set to 0 by the statement itself, and a silent network
    // answers nothing: past the limit plus a grace (from when the statement is sent, not queued
    // behind others of a single-connection request) the connection is given up on the client side.
    let silent = false;
    let deadline: NodeJS.Timeout | undefined;
    const arm = () => {
      deadline = setTimeout(() => {
        silent = true;
        abandon();
      }, this.backends.deadlineMs);
    };
    const query = statementQuery(client, this.mode, sql, values, this.limits, abandon, arm);
    this.backends.enter(client);
    client.query(query);
    return query.done.then((t) => {
      clearTimeout(deadline);
      this.backends.leave(client);
      return this.backends.explained(client, t, silent);
    });
  }

  private runOwn(client: LoadClient, sql: string, values: (string | null)[], keepRow: boolean) {
    return new Promise<QueryTiming>((resolve) => this.sendOwn(client, sql, values, keepRow, resolve));
  }

  private sendOwn(
    client: LoadClient,
    sql: string,
    values: (string | null)[],
    keepRow: boolean,
    done: (t: QueryTiming) => void,
  ): void {
    this.backends.enter(client);
    if (!this.sweeper) this.sweeper = setInterval(() => this.sweep(), this.sweepEveryMs).unref();
    client.load.run(
      new OwnStatement(this, client, this.book.entry(sql, values.length), values, keepRow, done),
    );
  }

  /**
   * As `run`, but `done` is called with the result instead of a promise resolved: the sequential
   * strategy's path, where a promise and an await per statement were a measurable share of the
   * generator's CPU. `done` may run before this returns (a refused statement).
   */
  runThen(
    lease: Lease,
    sql: string,
    values: (string | null)[],
    keepFirstRow: boolean,
    done: (t: QueryTiming) => void,
  ): void {
    const client = asLoadClient(lease.client);
    if (this.mode !== 'simple' && client.pgIdle) this.sendOwn(client, sql, values, keepFirstRow, done);
    else void this.run(lease, sql, values, keepFirstRow).then(done);
  }

  /** An own statement ended (load-connection.ts): its connection is free, its result explained. */
  ownDone(client: pg.Client, t: QueryTiming, silent: boolean): QueryTiming {
    this.backends.leave(client);
    return this.backends.explained(client, t, silent);
  }

  get statementBook(): StatementBook {
    return this.book;
  }

  get statementMode(): StatementMode {
    return this.mode;
  }

  get resultLimits(): QueryLimits {
    return this.limits;
  }

  /** Own statements past their deadline are given up on; the sweep stops when none is in flight. */
  private sweep(): void {
    if (sweepOwnStatements(this.backends)) return;
    clearInterval(this.sweeper);
    this.sweeper = undefined;
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
    const { client } = lease;
    const queries = statements.map((s) =>
      statementQuery(client, this.mode, s.sql, s.values, this.pipelineLimits, () =>
        this.backends.abandon(client),
      ),
    );
    // The server runs them one after another: past all their limits (plus the grace) the
    // connection is given up on, as for one statement.
    let silent = false;
    const deadline = setTimeout(() => {
      silent = true;
      this.backends.abandon(client);
    }, statements.length * this.backends.deadlineMs);
    this.backends.enter(client);
    const timings = (
      await runPipeline(client, queries).finally(() => {
        clearTimeout(deadline);
        this.backends.leave(client);
      })
    ).map((t) => this.backends.explained(client, t, silent));
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
    // A connection whose socket was dropped (on stop, past its deadline) never goes back.
    if (broken || !this.backends.usable(lease.client)) lease.client.release(true);
    // Kept for the next request, unless someone waits in pg's pool (full): it gets it from there.
    else if (this.pool.waitingCount === 0 && !this.ending) this.free.push(lease.client);
    else lease.client.release();
    return performance.now() - lease.acquiredAt;
  }

  /** Hands the connections kept here back to pg's pool, which can then end them. */
  private returnFree(): void {
    this.ending = true;
    for (const c of this.free.splice(0)) c.release();
  }

  /** Connection-milliseconds in use so far. */
  busyIntegral(): number {
    this.tick(0);
    return this.busyMs;
  }

  get waiting(): number {
    return this.pool.waitingCount;
  }

  /**
   * Closes the pool; past `timeoutMs` every socket is dropped instead (a stopped database never
   * answers the goodbye, and pg's pool would wait for it).
   */
  async end(timeoutMs = 500): Promise<void> {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    const ended = this.pool.end().catch(() => {});
    const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), timeoutMs).unref());
    if ((await Promise.race([ended, timer])) === 'late') {
      this.backends.dropAll();
      await Promise.race([ended, new Promise((r) => setTimeout(r, 100).unref())]);
    }
  }
}
