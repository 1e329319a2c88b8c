/**
 * Groups a failure for the error counts: the SQLSTATE when the database sent one (57014 cancelled,
 * 53300 too many connections, 57P01 backend terminated …), otherwise a client-side reason.
 */
export function errorKey(err: unknown): string {
  const e = (err ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (/^[0-9A-Z]{5}$/.test(code)) return code;
  if (code === 'cancelled') return 'cancelled';
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
  };
  return known[key] ?? `SQLSTATE ${key}`;
}
