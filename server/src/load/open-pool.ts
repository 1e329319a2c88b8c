import type { LoadPool } from '../db/load/load-pool';

/**
 * Opens every connection of the pool before the phase's clock starts (a warm pool, as the profiler
 * has by default), so the measured seconds hold requests, not TCP and authentication handshakes:
 * otherwise the first second's latency, through a latency proxy several round trips per connection,
 * decides the comparison. A connection that cannot open (max_connections) is left to fail where it
 * is measured, as the sweep needs to see it; Stop ends the wait at once.
 */
export async function openPool(pool: LoadPool, signal: AbortSignal): Promise<void> {
  const opening = Array.from({ length: pool.size }, () => pool.pool.connect());
  const aborted = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.race([Promise.allSettled(opening), aborted]);
  // Released whenever they open, also after a Stop, so `pool.end()` is not left waiting for them.
  for (const c of opening)
    c.then(
      (client) => client.release(),
      () => {},
    );
}
