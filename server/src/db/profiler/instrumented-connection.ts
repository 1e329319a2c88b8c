import { runLimitDefaults } from '@gatherscope/shared';
import type pg from 'pg';
import { type SessionViolation, watchSession } from '../guard/read-only-session';
import { clientConfig } from '../local-proxy-url';
import { loadInliner } from './inline-params';
import { dropSocket, type QueryLimits, type QueryTiming } from './instrumented-query';
import { runGuardedPipeline } from './pipeline-query';
import { type StatementMode, statementQuery } from './statement-mode';
import { type BackendKey, backendKeyOf, MeteredClient } from './wire-meter';

export interface ConnectionLimits extends QueryLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  connectTimeoutMs: number;
  /** How statements travel (statement-mode.ts): the user's driver. */
  statementMode: StatementMode;
  /** How long after its statement timeout the client gives up on an answer (default 5 s). */
  answerGraceMs?: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  statementTimeoutMs: runLimitDefaults.statementTimeoutMs,
  lockTimeoutMs: 5_000,
  idleInTransactionTimeoutMs: 10_000,
  connectTimeoutMs: 10_000,
  maxRows: runLimitDefaults.maxRows,
  maxBytes: runLimitDefaults.maxBytes,
  readOnly: true,
  statementMode: 'extended',
};

/** URL parameters that node-postgres would send as session settings over the guard's own. */
const OVERRIDING_PARAMS = [
  'options',
  'statement_timeout',
  'lock_timeout',
  'idle_in_transaction_session_timeout',
  'application_name',
  'query_timeout',
];

/**
 * The URL without parameters that would override the guard (node-postgres lets the URL win over
 * the config), and the startup `options` with the user's first and the read-only switch last, so
 * that it wins over a `-c default_transaction_read_only=off` of the user's.
 */
export function guardedConnectionString(url: string, readOnly: boolean): pg.ClientConfig {
  const u = new URL(url);
  const userOptions = u.searchParams.get('options') ?? '';
  for (const p of OVERRIDING_PARAMS) u.searchParams.delete(p);
  const options = [userOptions, readOnly ? '-c default_transaction_read_only=on' : '']
    .filter((o) => o.trim() !== '')
    .join(' ');
  return { ...clientConfig(u), ...(options ? { options } : {}) };
}

/** How long after its statement timeout a statement's answer may still arrive (a slow network). */
const ANSWER_GRACE_MS = 5_000;

/**
 * A connection opened for profiling. Its guard settings travel in the startup packet, so they cost
 * no round trip that the profiled application would not pay.
 */
export class ProfilerConnection {
  /** Backend process id, from the startup handshake (BackendKeyData). */
  readonly pid: number;
  /** The backend's identity as it reported it: no statement can change it (application_name it can). */
  readonly key: BackendKey;
  private dead = false;
  private deathListeners: (() => void)[] = [];

  private constructor(
    private readonly client: pg.Client,
    private readonly limits: ConnectionLimits,
    private readonly onAbandon: (pid: number) => void,
    private readonly watch: { violation: SessionViolation | null },
    private readonly transaction: { open: boolean },
  ) {
    this.key = backendKeyOf(client);
    this.pid = this.key.pid;
    client.on('end', () => this.markDead());
  }

  /**
   * Opens a connection; rejects with pg's error (see pg-errors.ts to explain it to a user).
   * `onAbandon` learns the pid of a backend whose socket was dropped while its statement may still
   * run (over the byte cap, or silent past its time limit): the caller ends it on the server.
   */
  static async open(
    url: string,
    limits: ConnectionLimits,
    onAbandon: (pid: number) => void = () => {},
  ): Promise<ProfilerConnection> {
    const client: pg.Client = new MeteredClient({
      ...guardedConnectionString(url, limits.readOnly),
      application_name: 'gatherscope',
      statement_timeout: limits.statementTimeoutMs,
      lock_timeout: limits.lockTimeoutMs,
      idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
      connectionTimeoutMillis: limits.connectTimeoutMs,
    });
    // A connection that dies while idle (server restart, killed backend) must never crash the process.
    let conn: ProfilerConnection | null = null;
    client.on('error', () => conn?.markDead());
    // A session a statement left read-write or inside a transaction is cut off at once (guard/read-only-session.ts.ts).
    const watch: { violation: SessionViolation | null } = { violation: null };
    const transaction = { open: false };
    watchSession(client, { readOnly: limits.readOnly, transaction }, (v) => {
      watch.violation = v;
    });
    await client.connect();
    conn = new ProfilerConnection(client, limits, onAbandon, watch, transaction);
    return conn;
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Inside the trial's transaction a statement is sent as it is: its own read-only block would end it. */
  private get queryLimits(): ConnectionLimits {
    return this.transaction.open ? { ...this.limits, readOnly: false } : this.limits;
  }

  /**
   * Opens the transaction a replay's writes run in (`BEGIN READ WRITE`: the session itself stays
   * read-only by default, so nothing runs read-write after it ends). Gatherscope's own statement,
   * sent before the trial's clock starts; `rollBack` always ends it, never a COMMIT.
   */
  async beginRolledBack(): Promise<void> {
    this.transaction.open = true;
    try {
      await this.client.query('BEGIN READ WRITE');
    } catch (err) {
      this.transaction.open = false;
      throw err;
    }
  }

  /**
   * Rolls the transaction back. If that fails or does not answer, the connection is closed: the
   * server rolls back whatever a session that goes away had open.
   */
  async rollBack(timeoutMs = 5_000): Promise<void> {
    if (!this.transaction.open) return;
    this.transaction.open = false;
    if (this.dead) return;
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([
      this.client.query('ROLLBACK').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!ok) {
      dropSocket(this.client);
      this.onAbandon(this.pid);
      this.markDead();
    }
  }

  /** Runs one statement; never rejects: failures are in `timing.error`. */
  async run(sql: string, values: (string | null)[]): Promise<QueryTiming> {
    if (this.limits.statementMode === 'simple') await loadInliner();
    // statement_timeout is enforced by the server, but a statement can set it to 0 (or catch the
    // cancel), and a silent network or server never answers: past it (plus a grace) the socket is
    // dropped instead of waiting forever, and the backend is ended by pid. The clock starts when
    // the statement is sent, not while it is queued behind others on this connection.
    let silent = false;
    const graceMs = this.limits.answerGraceMs ?? ANSWER_GRACE_MS;
    let deadline: NodeJS.Timeout | undefined;
    const arm = () => {
      deadline = setTimeout(() => {
        silent = true;
        dropSocket(this.client);
        this.onAbandon(this.pid);
      }, this.limits.statementTimeoutMs + graceMs);
    };
    const query = statementQuery(
      this.client,
      this.limits.statementMode,
      sql,
      values,
      this.queryLimits,
      () => this.onAbandon(this.pid),
      arm,
    );
    try {
      this.client.query(query);
      const timing = await query.done;
      // Say why the connection went away rather than a bare "Connection terminated".
      if (this.watch.violation && timing.error) timing.error = new Error(this.watch.violation.message);
      if (silent) {
        timing.error = new Error(
          `No answer from the database within ${Math.round((this.limits.statementTimeoutMs + graceMs) / 1000)} s (its statement timeout plus ${graceMs / 1000} s): the connection was dropped and its backend ended. The network or the server is down, or the statement ignored its timeout.`,
        );
      }
      if (timing.needsRollback && !this.dead) {
        // Outside the span: the statement's time ended with its error.
        await this.client.query('ROLLBACK').catch(() => this.markDead());
      }
      return timing;
    } finally {
      clearTimeout(deadline);
    }
  }

  /**
   * Runs the statements pipelined: all sent at once, each in its own read-only block and Sync
   * (pipeline-query.ts). Never rejects; the timings are in the statements' order.
   */
  async pipeline(
    statements: readonly { sql: string; values: (string | null)[] }[],
    signal?: AbortSignal,
  ): Promise<QueryTiming[]> {
    if (this.limits.statementMode === 'simple') await loadInliner();
    const make = (i: number) => {
      const s = statements[i]!;
      return statementQuery(this.client, this.limits.statementMode, s.sql, s.values, this.queryLimits, () =>
        this.onAbandon(this.pid),
      );
    };
    // The server runs them one after another, each under its own statement timeout; past them
    // all (plus the grace) the connection is dropped and its backend ended by pid.
    const waitMs =
      statements.length * this.limits.statementTimeoutMs + (this.limits.answerGraceMs ?? ANSWER_GRACE_MS);
    const deadline = setTimeout(() => {
      dropSocket(this.client);
      this.onAbandon(this.pid);
    }, waitMs);
    // A cancel (pg_cancel_backend, by the profiler on Stop) ends only the statement running now;
    // the ones queued behind it in the pipeline would still run, so the connection is dropped.
    const drop = () => dropSocket(this.client);
    signal?.addEventListener('abort', drop, { once: true });
    try {
      const timings = await runGuardedPipeline(this.client, make, statements.length, () =>
        this.client.query('ROLLBACK').then(
          () => true,
          () => {
            this.markDead();
            return false;
          },
        ),
      );
      if (this.watch.violation) {
        for (const t of timings) if (t.error) t.error = new Error(this.watch.violation.message);
      }
      return timings;
    } finally {
      clearTimeout(deadline);
      signal?.removeEventListener('abort', drop);
    }
  }

  /** Runs a statement of Gatherscope's own (not a user's), e.g. a reset between trials. */
  async internal(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  onDeath(listener: () => void): void {
    this.deathListeners.push(listener);
  }

  async close(): Promise<void> {
    this.markDead();
    await this.client.end().catch(() => {});
  }

  private markDead(): void {
    if (this.dead) return;
    this.dead = true;
    for (const l of this.deathListeners) l();
    this.deathListeners = [];
  }
}
