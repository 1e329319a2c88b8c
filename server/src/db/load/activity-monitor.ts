import { AdminSession } from '../admin-session';

export interface Activity {
  connections: number;
  active: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Gatherscope's own connection to the database (directly, never through the latency proxy) to
 * watch a load test's backends in pg_stat_activity and to cancel or end them when the test stops.
 * Backends are named by the pids their connections reported at startup (BackendKeyData), never by
 * application_name: a statement can rename its session (`set_config('application_name', …)`).
 */
export class ActivityMonitor {
  private readonly admin: AdminSession;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 1_000,
  ) {
    this.admin = new AdminSession({ url, applicationName: 'gatherscope-load-monitor', timeoutMs });
  }

  /** These backends and how many of them run a statement; undefined when the database does not answer. */
  async sample(pids: readonly number[]): Promise<Activity | undefined> {
    if (pids.length === 0) return { connections: 0, active: 0 };
    try {
      const rows = await this.admin.query<{ n: number; active: number }>(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE state = 'active')::int AS active
           FROM pg_stat_activity WHERE pid = ANY($1::int[])`,
        [pids],
      );
      return { connections: rows[0]?.n ?? 0, active: rows[0]?.active ?? 0 };
    } catch {
      return undefined;
    }
  }

  /** Cancels the statements of these backends (pg_cancel_backend). */
  cancel(pids: readonly number[]): Promise<number[]> {
    return this.admin.cancel(pids);
  }

  /** Ends these backends (pg_terminate_backend): what a statement cannot catch or ignore. */
  terminate(pids: readonly number[]): Promise<number[]> {
    return this.admin.terminate(pids);
  }

  /**
   * Ends whichever of these backends is still there and polls until none is left or `timeoutMs`
   * passed; resolves with the pids still there (unknown ones count as there when the database
   * does not answer). Only pids of connections this test opened may be passed: after the pool has
   * ended every one of them that is still present is a straggler.
   */
  async reap(pids: readonly number[], timeoutMs: number): Promise<number[]> {
    const until = performance.now() + timeoutMs;
    let left = [...pids];
    while (left.length > 0) {
      const budget = until - performance.now();
      if (budget <= 0) break;
      const present = await this.admin.present(left, Math.max(50, Math.min(this.timeoutMs, budget)));
      // A database that does not answer is left to reapInBackground rather than waited for here.
      if (!present) break;
      left = present;
      if (left.length === 0) break;
      await this.admin.terminate(present);
      await sleep(25);
    }
    return left;
  }

  /**
   * Goes on ending these backends after the test has ended (a database that was stopped answers
   * again later), on a connection of its own, for at most `forMs`.
   */
  reapInBackground(pids: readonly number[], forMs = 60_000): void {
    reapInBackground(this.url, pids, forMs, this.timeoutMs);
  }

  /** Resolves within about 200 ms, also when the database does not answer. */
  close(): Promise<void> {
    return this.admin.close();
  }
}

/**
 * Ends these backends (pids of connections Gatherscope opened and dropped) whenever the database
 * answers again, on a connection of its own, for at most `forMs`; nothing waits for it.
 */
export function reapInBackground(
  url: string,
  pids: readonly number[],
  forMs = 60_000,
  timeoutMs = 1_000,
): void {
  if (pids.length === 0) return;
  const reaper = new ActivityMonitor(url, timeoutMs);
  void reaper.reap(pids, forMs).finally(() => reaper.close());
}
