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
 * One admin session kept open for a test file's checks, instead of a new one per check: a new
 * PostgreSQL session costs a fork, authentication and cold catalog caches, and the security suites
 * read the server's state several times per test. It is a superuser session outside every attack and
 * only reads what the server holds, so reusing it hides nothing a fresh one would show. A session
 * that was ended is replaced at the next check (as a fresh session per check would have been).
 */
export class AdminSession {
  private client: Promise<pg.Client> | undefined;

  constructor(readonly url: string) {}

  async query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
    this.client ??= this.connect();
    return (await (await this.client).query<T>(sql, values)).rows;
  }

  private connect(): Promise<pg.Client> {
    const session: Promise<pg.Client> = adminClient(this.url).then((c) => {
      const gone = () => {
        if (this.client === session) this.client = undefined;
      };
      c.on('error', gone);
      c.on('end', gone);
      return c;
    });
    // A failed connect is not kept either: the next check tries again.
    session.catch(() => {
      if (this.client === session) this.client = undefined;
    });
    return session;
  }

  async end(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await (await c?.catch(() => undefined))?.end().catch(() => {});
  }
}

/** Where a check reads: a URL (a session of its own, ended after) or a file's AdminSession. */
export type AdminTarget = string | AdminSession;

/** `sql` on `target`; its rows. */
export function adminRead<T extends pg.QueryResultRow>(
  target: AdminTarget,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  return typeof target === 'string' ? adminQuery<T>(target, sql, values) : target.query<T>(sql, values);
}

/**
 * Backends Gatherscope opened (profiling, load tests, cancelling) on the server behind `url`, only
 * those connected to `database` when it is given. This admin session and the app's metadata pool
 * (gatherscope-meta, long-lived by design) are not counted.
 */
export async function gatherscopeBackends(
  url: AdminTarget,
  database?: string,
): Promise<{ pid: number; state: string; app: string; query: string }[]> {
  return adminRead(
    url,
    `SELECT pid, state, application_name AS app, query FROM pg_stat_activity
      WHERE application_name LIKE 'gatherscope%'
        AND application_name NOT IN ('gatherscope-test-admin', 'gatherscope-meta')
        AND ($1::text IS NULL OR datname = $1)`,
    [database ?? null],
  );
}
