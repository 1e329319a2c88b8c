import type { ConnectionTest } from '@gatherscope/shared';
import { ROLE_RISK_COLUMNS, type RoleRiskRow, roleRisk } from '../db/guard/role-risks';
import { databaseError } from '../db/pg-errors';
import { withClient } from '../db/postgres';
import { parseDatabaseUrl } from '../db/target';
import { AppError } from '../errors/app-error';

const PROBE_TIMEOUT_MS = 5_000;

function noAnswer(url: string, timeoutMs: number): AppError {
  const t = parseDatabaseUrl(url);
  return new AppError(
    'database_unreachable',
    `No answer from PostgreSQL at ${t.host}:${t.port}/${t.database} within ${timeoutMs / 1000} s.`,
    { status: 503, hint: 'Check host and port, and that a firewall lets the connection through.' },
  );
}

/** pg's own connect or query timeout fired (not a server error that mentions a timeout, which has a SQLSTATE). */
function timedOut(err: unknown): boolean {
  const raw = err instanceof AppError ? err.cause : err;
  if (!(raw instanceof Error)) return false;
  const code = (raw as { code?: unknown }).code;
  return !(typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) && /timeout/i.test(raw.message);
}

/**
 * Connects once, asks the server who it is, and disconnects. Bounded in time: a host that drops
 * packets (or accepts and never answers) would otherwise hold the request for the operating system's
 * TCP timeout. pg's own connect and query timeouts close the connection, so nothing is left hanging.
 */
export async function probeConnection(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ConnectionTest> {
  const target = parseDatabaseUrl(url);
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(noAnswer(url, timeoutMs)), timeoutMs);
  });
  const info = withClient(
    url,
    async (query) => {
      const r = await query(
        `SELECT current_database() AS db, current_setting('server_version') AS v, ${ROLE_RISK_COLUMNS}`,
      );
      return r.rows[0] as RoleRiskRow & { db: string; v: string };
    },
    { applicationName: 'gatherscope-probe', connectTimeoutMs: timeoutMs, queryTimeoutMs: timeoutMs },
  );
  try {
    const row = await Promise.race([info, timeout]);
    return {
      ok: true,
      database: row.db,
      serverVersion: row.v,
      latencyMs: performance.now() - started,
      risk: roleRisk(row, false),
    };
  } catch (err) {
    throw timedOut(err) ? noAnswer(url, timeoutMs) : databaseError(err, target);
  } finally {
    clearTimeout(timer);
    info.catch(() => {});
  }
}
