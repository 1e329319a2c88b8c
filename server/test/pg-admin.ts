import pg from 'pg';

/**
 * A session of the tests' own, named `gatherscope-test-admin` so that the counts of Gatherscope's
 * backends leave it out. Shared by the security and fault suites.
 */
export async function adminClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, application_name: 'gatherscope-test-admin' });
  c.on('error', () => {});
  await c.connect();
  return c;
}

/** One statement on a session of its own; its rows. */
export async function adminQuery<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const c = await adminClient(url);
  try {
    return (await c.query<T>(sql, values)).rows;
  } finally {
    await c.end().catch(() => {});
  }
}

/**
 * Backends Gatherscope opened (profiling, load tests, cancelling) on the server behind `url`, only
 * those connected to `database` when it is given. This admin session and the app's metadata pool
 * (gatherscope-meta, long-lived by design) are not counted.
 */
export async function gatherscopeBackends(
  url: string,
  database?: string,
): Promise<{ pid: number; state: string; app: string; query: string }[]> {
  return adminQuery(
    url,
    `SELECT pid, state, application_name AS app, query FROM pg_stat_activity
      WHERE application_name LIKE 'gatherscope%'
        AND application_name NOT IN ('gatherscope-test-admin', 'gatherscope-meta')
        AND ($1::text IS NULL OR datname = $1)`,
    [database ?? null],
  );
}
