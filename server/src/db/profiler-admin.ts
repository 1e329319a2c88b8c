import pg from 'pg';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops backends of a run on the server, from a separate short-lived connection: cancels their
 * statements (pg_cancel_backend), and with `terminate` also ends the backends that are still there
 * after `graceMs` (pg_terminate_backend). Resolves with the pids still present at the end.
 * Never throws: stopping is best effort and must not hide the error that led to it.
 */
export async function stopBackends(
  url: string,
  pids: readonly number[],
  opts: { terminate: boolean; graceMs?: number; timeoutMs?: number } = { terminate: false },
): Promise<number[]> {
  const targets = [...new Set(pids.filter((p) => p > 0))];
  if (targets.length === 0) return [];
  const client = new pg.Client({
    connectionString: url,
    application_name: 'gatherscope-cancel',
    connectionTimeoutMillis: 3_000,
    statement_timeout: 3_000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT pg_cancel_backend(p) FROM unnest($1::int[]) AS p', [targets]);
    if (!opts.terminate) return [];
    const deadline = performance.now() + (opts.timeoutMs ?? 900);
    const graceEnd = performance.now() + (opts.graceMs ?? 250);
    for (;;) {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE pid = ANY($1::int[])',
        [targets],
      );
      const left = rows.map((r) => r.pid);
      if (left.length === 0) return [];
      if (performance.now() >= graceEnd) {
        await client.query('SELECT pg_terminate_backend(p) FROM unnest($1::int[]) AS p', [left]);
      }
      if (performance.now() >= deadline) return left;
      await sleep(25);
    }
  } catch {
    return targets;
  } finally {
    await client.end().catch(() => {});
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
