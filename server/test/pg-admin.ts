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
