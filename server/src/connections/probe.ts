import type { ConnectionTest } from '@gatherscope/shared';
import { ROLE_RISK_COLUMNS, roleRisk } from '../db/guard-risks';
import { databaseError } from '../db/pg-errors';
import { withClient } from '../db/postgres';
import { probeDatabase } from '../db/profiler-admin';
import { parseDatabaseUrl } from '../db/target';
import { AppError } from '../http/errors';

export const PROBE_TIMEOUT_MS = 5_000;

function noAnswer(url: string, timeoutMs: number): AppError {
  const t = parseDatabaseUrl(url);
  return new AppError(
    'database_unreachable',
    `No answer from PostgreSQL at ${t.host}:${t.port}/${t.database} within ${timeoutMs / 1000} s.`,
    { status: 503, hint: 'Check host and port, and that a firewall lets the connection through.' },
  );
}

/**
 * Connects, asks the server who it is, and disconnects. Bounded in time: a host that drops packets
 * (or accepts and never answers) would otherwise hold the request for the operating system's TCP
 * timeout. The first connection carries pg's own connect timeout, so nothing is left hanging.
 */
export async function probeConnection(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ConnectionTest> {
  const target = parseDatabaseUrl(url);
  const started = performance.now();
  const failure = await probeDatabase(url, timeoutMs);
  if (failure) {
    const msg = failure instanceof Error ? failure.message : '';
    throw /timeout/i.test(msg) ? noAnswer(url, timeoutMs) : databaseError(failure, target);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(noAnswer(url, timeoutMs)), timeoutMs);
  });
  const info = withClient(url, async (query) => {
    try {
      const r = await query(
        `SELECT current_database() AS db, current_setting('server_version') AS v, current_user AS usr,
                (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser, ${ROLE_RISK_COLUMNS}`,
      );
      return r.rows[0] as {
        db: string;
        v: string;
        usr: string;
        superuser: boolean;
        owned_tables: number;
        writable_tables: number;
      };
    } catch (err) {
      throw databaseError(err, target);
    }
  });
  try {
    const row = await Promise.race([info, timeout]);
    const risk = roleRisk(
      {
        user: row.usr,
        superuser: row.superuser,
        ownedTables: row.owned_tables,
        writableTables: row.writable_tables,
      },
      false,
    );
    return { ok: true, database: row.db, serverVersion: row.v, latencyMs: performance.now() - started, risk };
  } catch (err) {
    throw databaseError(err, target);
  } finally {
    clearTimeout(timer);
    info.catch(() => {});
  }
}
