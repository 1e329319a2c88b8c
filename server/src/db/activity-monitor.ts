import pg from 'pg';

export interface Activity {
  connections: number;
  active: number;
}

/**
 * Gatherscope's own connection to the database (directly, never through the latency proxy) to
 * watch a load test's backends in pg_stat_activity and to cancel them on the server when the test
 * stops. Backends are found by the application_name every pool of the test sets.
 */
export class ActivityMonitor {
  private client: pg.Client;
  private connected: Promise<void> | undefined;
  private broken = false;

  constructor(
    private readonly url: string,
    private readonly applicationPrefix: string,
  ) {
    this.client = this.newClient();
  }

  private newClient(): pg.Client {
    const c = new pg.Client({
      connectionString: this.url,
      application_name: 'gatherscope-load-monitor',
      statement_timeout: 5000,
    });
    c.on('error', () => {
      this.broken = true;
    });
    return c;
  }

  private async query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
    if (this.broken) {
      // The database restarted or our backend was killed: reconnect rather than go blind.
      void this.client.end().catch(() => {});
      this.client = this.newClient();
      this.connected = undefined;
      this.broken = false;
    }
    this.connected ??= this.client.connect().then(() => undefined);
    try {
      await this.connected;
    } catch (err) {
      this.broken = true;
      throw err;
    }
    return (await this.client.query<T>(sql, [`${this.applicationPrefix}%`])).rows;
  }

  /** Backends of the test and how many of them are running a query; undefined when the database is unreachable. */
  async sample(): Promise<Activity | undefined> {
    try {
      const rows = await this.query<{ n: number; active: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE state = 'active')::int AS active
           FROM pg_stat_activity WHERE application_name LIKE $1`,
      );
      return { connections: rows[0]?.n ?? 0, active: rows[0]?.active ?? 0 };
    } catch {
      return undefined;
    }
  }

  /** Cancels every running query of the test on the server (pg_cancel_backend). */
  async cancelAll(): Promise<number> {
    return this.signalAll('pg_cancel_backend');
  }

  /** Ends every backend of the test still there (pg_terminate_backend): the last resort. */
  async terminateAll(): Promise<number> {
    return this.signalAll('pg_terminate_backend');
  }

  private async signalAll(fn: 'pg_cancel_backend' | 'pg_terminate_backend'): Promise<number> {
    try {
      const rows = await this.query<{ n: number }>(
        `SELECT count(*) FILTER (WHERE ${fn}(pid))::int AS n FROM pg_stat_activity
          WHERE application_name LIKE $1 AND pid <> pg_backend_pid()`,
      );
      return rows[0]?.n ?? 0;
    } catch {
      return 0;
    }
  }

  /** Polls until no backend of the test is left, ending stragglers; true when none is left in time. */
  async waitGone(timeoutMs: number): Promise<boolean> {
    const start = performance.now();
    const until = start + timeoutMs;
    let terminated = false;
    for (;;) {
      const a = await this.sample();
      if (a && a.connections === 0) return true;
      if (performance.now() >= until) return false;
      // Cancelled queries and a closed pool normally leave within milliseconds; stragglers are ended.
      if (!terminated && performance.now() > start + 300) {
        terminated = true;
        await this.terminateAll();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
