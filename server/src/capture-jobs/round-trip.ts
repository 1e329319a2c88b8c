import { withClient } from '../db/postgres';

/** Round trips timed; the fastest is the network's share (the others include scheduling noise). */
const SAMPLES = 5;

/**
 * The round trip between Gatherscope and the database, measured when a capture starts: the fastest
 * of a few empty queries on one connection (`SELECT 1` costs the server microseconds, so what is
 * left is the network and the protocol). It is what a replay should add per statement to resemble
 * the app's own network; null when it cannot be measured (the capture still starts).
 */
export async function measureRoundTrip(url: string): Promise<number | null> {
  try {
    return await withClient(
      url,
      async (query) => {
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i < SAMPLES; i++) {
          const t0 = performance.now();
          await query('SELECT 1');
          best = Math.min(best, performance.now() - t0);
        }
        return Math.round(best * 1000) / 1000;
      },
      { applicationName: 'gatherscope-rtt', connectTimeoutMs: 5_000, queryTimeoutMs: 5_000 },
    );
  } catch {
    return null;
  }
}
