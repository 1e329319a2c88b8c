import pg from 'pg';
import { AdminSession } from '../admin-session';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops backends of a run on the server, from a separate short-lived connection: cancels their
 * statements (pg_cancel_backend), and with `terminate` also ends the backends that are still there
 * after `graceMs` (pg_terminate_backend). Resolves with the pids still present at the end (all of
 * them when the database did not answer). Every step is bounded on the client side, so a stopped
 * database costs at most about `timeoutMs` plus one second. Never throws: stopping is best effort
 * and must not hide the error that led to it.
 */
export async function stopBackends(
  url: string,
  pids: readonly number[],
  opts: { terminate: boolean; graceMs?: number; timeoutMs?: number } = { terminate: false },
): Promise<number[]> {
  const targets = [...new Set(pids.filter((p) => p > 0))];
  if (targets.length === 0) return [];
  const admin = new AdminSession({ url, applicationName: 'gatherscope-cancel', timeoutMs: 1_000 });
  try {
    await admin.query('SELECT pg_cancel_backend(p) FROM unnest($1::int[]) AS p', [targets]);
    if (!opts.terminate) return [];
    const deadline = performance.now() + (opts.timeoutMs ?? 900);
    const graceEnd = performance.now() + (opts.graceMs ?? 250);
    for (;;) {
      const left = await admin.present(targets, Math.max(50, Math.min(1_000, deadline - performance.now())));
      if (!left) return targets;
      if (left.length === 0) return [];
      if (performance.now() >= graceEnd) await admin.terminate(left);
      if (performance.now() >= deadline) return left;
      await sleep(25);
    }
  } catch {
    return targets;
  } finally {
    await admin.close();
  }
}

/** Opens and closes one connection: null when the database answers, else what went wrong. */
export async function probeDatabase(url: string, timeoutMs = 3_000): Promise<unknown> {
  const client = new pg.Client({
    connectionString: url,
    application_name: 'gatherscope-probe',
    connectionTimeoutMillis: timeoutMs,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return null;
  } catch (err) {
    return err;
  } finally {
    await client.end().catch(() => {});
  }
}
