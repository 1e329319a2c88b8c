import pg from 'pg';

export interface AdminSessionOptions {
  /** The database directly (never through the latency proxy). */
  url: string;
  applicationName: string;
  /** A connect or a statement that gets no answer this soon is given up (the database may be stopped). */
  timeoutMs?: number;
}

/**
 * Gatherscope's own connection for watching and ending backends by pid. Every call is bounded on
 * the client side: against a database that stopped answering (SIGSTOP, a partition) a call fails
 * after `timeoutMs`, the socket is dropped, and the next call connects afresh.
 */
export class AdminSession {
  private client: pg.Client | null = null;
  private connected: Promise<void> | null = null;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly o: AdminSessionOptions) {}

  get timeoutMs(): number {
    return this.o.timeoutMs ?? 2_000;
  }

  /**
   * Runs one statement after the ones before it (one connection answers one at a time); rejects on
   * error or when no answer came within `timeoutMs` (default: the session's) of the call.
   */
  query<T extends pg.QueryResultRow>(
    sql: string,
    values: unknown[] = [],
    timeoutMs = this.timeoutMs,
  ): Promise<T[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (this.client) this.drop(this.client);
        reject(new Error(`the database did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    const run = this.queue.then(async () => {
      if (this.closed) throw new Error('admin session closed');
      const client = this.connect();
      try {
        await this.connected;
        return (await client.query<T>(sql, values)).rows;
      } catch (err) {
        this.drop(client);
        throw err;
      }
    });
    this.queue = run.then(
      () => {},
      () => {},
    );
    return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
  }

  /** pg_cancel_backend on each pid; resolves with the pids that were signalled. Never rejects. */
  cancel(pids: readonly number[]): Promise<number[]> {
    return this.signal('pg_cancel_backend', pids);
  }

  /** pg_terminate_backend on each pid; resolves with the pids that were signalled. Never rejects. */
  terminate(pids: readonly number[]): Promise<number[]> {
    return this.signal('pg_terminate_backend', pids);
  }

  /** Which of these pids have a backend now; undefined when the database did not answer in time. */
  async present(pids: readonly number[], timeoutMs = this.timeoutMs): Promise<number[] | undefined> {
    if (pids.length === 0) return [];
    try {
      const rows = await this.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE pid = ANY($1::int[])',
        [pids],
        timeoutMs,
      );
      return rows.map((r) => r.pid);
    } catch {
      return undefined;
    }
  }

  /**
   * Says goodbye, but drops the socket if that is not answered at once: a stopped database would
   * never answer it. Callers need not wait.
   */
  close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    if (!client) return Promise.resolve();
    const timer = setTimeout(() => this.drop(client), 200);
    return client
      .end()
      .catch(() => {})
      .finally(() => clearTimeout(timer));
  }

  private async signal(fn: 'pg_cancel_backend' | 'pg_terminate_backend', pids: readonly number[]) {
    const targets = [...new Set(pids.filter((p) => p > 0))];
    if (targets.length === 0) return [];
    try {
      const rows = await this.query<{ pid: number }>(
        `SELECT p AS pid FROM unnest($1::int[]) AS p WHERE p <> pg_backend_pid() AND ${fn}(p)`,
        [targets],
      );
      return rows.map((r) => r.pid);
    } catch {
      return [];
    }
  }

  private connect(): pg.Client {
    if (this.client && this.connected) return this.client;
    const client = new pg.Client({
      connectionString: this.o.url,
      application_name: this.o.applicationName,
      statement_timeout: this.timeoutMs,
      connectionTimeoutMillis: this.timeoutMs,
    });
    client.on('error', () => this.drop(client));
    this.client = client;
    this.connected = client.connect().then(() => undefined);
    this.connected.catch(() => this.drop(client));
    return client;
  }

  private drop(client: pg.Client): void {
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    if (this.client === client) {
      this.client = null;
      this.connected = null;
    }
  }
}
