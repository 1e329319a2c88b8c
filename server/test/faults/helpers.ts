import { type AdminTarget, adminQuery as admin, gatherscopeBackends } from '../pg-admin';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function activeBackends(url: string): Promise<number[]> {
  return (await gatherscopeBackends(url)).filter((b) => b.state === 'active').map((b) => b.pid);
}

/** pg_terminate_backend, as a DBA (or a crash) would; resolves with how many were killed. */
export async function terminate(url: string, pids: readonly number[]): Promise<number> {
  if (pids.length === 0) return 0;
  const rows = await admin<{ ok: boolean }>(
    url,
    'SELECT pg_terminate_backend(p) AS ok FROM unnest($1::int[]) p',
    [pids],
  );
  return rows.filter((r) => r.ok).length;
}

/** Waits until `probe` holds, polling; throws with `what` after `timeoutMs`. Returns the elapsed ms. */
export async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (await probe()) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(25);
  }
}

/** Which of these backends still exist. */
async function stillThere(url: string, pids: readonly number[]): Promise<number[]> {
  if (pids.length === 0) return [];
  const rows = await admin<{ pid: number }>(
    url,
    'SELECT pid FROM pg_stat_activity WHERE pid = ANY($1::int[])',
    [pids],
  );
  return rows.map((r) => r.pid);
}

/** Asserts (polling up to `timeoutMs`) that none of these backends is left. */
export async function noneLeft(url: string, pids: readonly number[], timeoutMs = 3_000): Promise<void> {
  await until(
    async () => (await stillThere(url, pids)).length === 0,
    timeoutMs,
    `backends ${pids.join(', ')} left`,
  );
}

/** Our backends running a statement that contains `marker` (so tests running alongside do not count). */
export async function runningWith(db: AdminTarget, marker: string): Promise<number[]> {
  return (await gatherscopeBackends(db))
    .filter((b) => b.state === 'active' && b.query.includes(marker))
    .map((b) => b.pid);
}
