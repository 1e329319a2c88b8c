import type { ConnectionTest } from '@gatherscope/shared';
import { databaseError } from '../db/pg-errors';
import { withClient } from '../db/postgres';
import { parseDatabaseUrl } from '../db/target';
import { AppError } from '../http/errors';

export const PROBE_TIMEOUT_MS = 5_000;

/**
 * Connects, asks the server who it is, and disconnects. Bounded in time: an unreachable host that
 * drops packets would otherwise keep the request waiting for the operating system's TCP timeout.
 */
export async function probeConnection(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ConnectionTest> {
  const target = parseDatabaseUrl(url);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError(
            'database_unreachable',
            `No answer from PostgreSQL at ${target.host}:${target.port}/${target.database} within ${timeoutMs / 1000} s.`,
            {
              status: 503,
              hint: 'Check host and port, and that a firewall lets the connection through.',
            },
          ),
        ),
      timeoutMs,
    );
  });
  const probe = withClient(url, async (query) => {
    try {
      const r = await query("SELECT current_database() AS db, current_setting('server_version') AS v");
      return r.rows[0] as { db: string; v: string };
    } catch (err) {
      throw databaseError(err, target);
    }
  });
  try {
    const row = await Promise.race([probe, timeout]);
    return { ok: true, database: row.db, serverVersion: row.v, latencyMs: performance.now() - started };
  } catch (err) {
    throw databaseError(err, target);
  } finally {
    clearTimeout(timer);
    probe.catch(() => {});
  }
}
