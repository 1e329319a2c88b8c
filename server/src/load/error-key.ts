import type { SessionViolation } from '../db/guard/read-only-session';
import { defaultConnectionLimits as caps } from '../db/profiler/instrumented-connection';

/** Error groups a load test names itself: no SQLSTATE says what happened. */
export const LIMIT_KEYS = {
  rows: 'too-many-rows',
  bytes: 'result-too-large',
} as const;

/** A session the watchdog cut off (db/guard/read-only-session.ts), by what its statement did. */
export const SESSION_KEYS = {
  'read-write': 'session-read-write',
  'open-transaction': 'session-open-transaction',
  role: 'session-role',
} as const satisfies Record<SessionViolation['kind'], string>;

/** The failure of a query whose connection the session watchdog cut: its own group, not `connection`. */
export const sessionError = (v: SessionViolation) =>
  Object.assign(new Error(v.message), { code: SESSION_KEYS[v.kind] });

const CLIENT_KEYS = new Set<string>([
  'cancelled',
  'no-answer',
  LIMIT_KEYS.rows,
  LIMIT_KEYS.bytes,
  ...Object.values(SESSION_KEYS),
]);

export const isSqlstate = (key: string): boolean => /^[0-9A-Z]{5}$/.test(key);

/**
 * Groups a failure for the error counts: the SQLSTATE when the database sent one (57014 cancelled,
 * 53300 too many connections, 57P01 backend terminated …), otherwise a client-side reason.
 */
export function errorKey(err: unknown): string {
  const e = (err ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (isSqlstate(code) || CLIENT_KEYS.has(code)) return code;
  const message = typeof e.message === 'string' ? e.message : '';
  if (/timeout exceeded when trying to connect/i.test(message)) return 'pool-timeout';
  if (/pool.*(ended|end on the pool)/i.test(message)) return 'cancelled';
  return 'connection';
}

/** What each error group means, for the results table and the CLI. */
export function describeErrorKey(key: string): string {
  const known: Record<string, string> = {
    '57014': 'query cancelled (statement timeout or stop)',
    '53300': 'too many connections (max_connections reached)',
    '57P01': 'backend terminated by an administrator',
    '57P03': 'the database is starting up or shutting down',
    '08006': 'connection failure',
    'pool-timeout': 'no free connection in the pool in time (pool exhausted)',
    connection: 'connection lost or refused',
    cancelled: 'cancelled when the test stopped',
    'no-answer':
      'no answer within the statement timeout plus a grace (a silent network, or a statement that ignored its timeout): the connection was dropped and its backend ended',
    [LIMIT_KEYS.rows]: `result over the row cap (${caps.maxRows.toLocaleString('en-US')} rows): add a LIMIT`,
    [LIMIT_KEYS.bytes]: `result over the size cap (${caps.maxBytes / 1024 / 1024} MB): its connection was closed`,
    [SESSION_KEYS['read-write']]:
      'a statement switched its read-only session to read-write: the connection was cut off before its next statement',
    [SESSION_KEYS['open-transaction']]:
      'a statement left a transaction open: the connection was cut off and the server rolled it back',
    [SESSION_KEYS.role]: "a statement changed the session's role: the connection was cut off",
  };
  return known[key] ?? `SQLSTATE ${key}`;
}
