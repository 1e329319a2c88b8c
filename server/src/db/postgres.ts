import type { DatabaseInfo } from '@gatherscope/shared';
import pg from 'pg';
import { ROLE_RISK_COLUMNS, type RoleRiskRow, roleRisk } from './guard/role-risks';
import { databaseError } from './pg-errors';
import { parseDatabaseUrl, type TargetInfo } from './target';

// Bigints and numerics come back as strings by default; the profiler only counts and sizes rows,
// and the few metadata reads below convert explicitly.
export type PgPool = pg.Pool;

export interface MetaPool {
  target: TargetInfo;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * A small pool for Gatherscope's own metadata reads (health, server version). Profiling runs use
 * pools of their own, sized by the run.
 */
export function createMetaPool(url: string): MetaPool {
  const target = parseDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'gatherscope-meta',
    statement_timeout: 5_000,
  });
  // An idle connection that dies (server restart, killed backend) must never crash the process.
  pool.on('error', () => {});
  return { target, pool, close: () => pool.end() };
}

export async function describeDatabase(meta: MetaPool, embedded: boolean): Promise<DatabaseInfo> {
  try {
    const { rows } = await meta.pool.query<
      RoleRiskRow & {
        version: string;
        server_version: string;
        size: string;
        db: string;
        max_connections: string;
      }
    >(
      `SELECT version() AS version, current_setting('server_version') AS server_version,
              pg_database_size(current_database())::text AS size, current_database() AS db,
              current_setting('max_connections') AS max_connections, ${ROLE_RISK_COLUMNS}`,
    );
    const r = rows[0]!;
    return {
      reachable: true,
      embedded,
      host: meta.target.host,
      port: meta.target.port,
      database: r.db,
      user: r.usr,
      serverVersion: r.server_version,
      versionString: r.version,
      sizeBytes: Number(r.size),
      superuser: r.superuser,
      maxConnections: Number(r.max_connections),
      risk: roleRisk(r, embedded),
    };
  } catch (err) {
    throw databaseError(err, meta.target);
  }
}

export interface ClientOptions {
  applicationName?: string;
  /** Bounds the connect (pg's `connectionTimeoutMillis`); unbounded when absent. */
  connectTimeoutMs?: number;
  /** Bounds each query on the client side (pg's `query_timeout`), for hosts that stop answering. */
  queryTimeoutMs?: number;
}

/** Runs statements on one connection to `url`; for set-up work such as seeding the demo, and probes. */
export async function withClient<T>(
  url: string,
  fn: (query: (sql: string) => Promise<pg.QueryResult>) => Promise<T>,
  opts: ClientOptions = {},
): Promise<T> {
  const target = parseDatabaseUrl(url);
  const client = new pg.Client({
    connectionString: url,
    application_name: opts.applicationName ?? 'gatherscope-setup',
    ...(opts.connectTimeoutMs !== undefined && { connectionTimeoutMillis: opts.connectTimeoutMs }),
    ...(opts.queryTimeoutMs !== undefined && { query_timeout: opts.queryTimeoutMs }),
  });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    throw databaseError(err, target);
  }
  try {
    return await fn((sql) => client.query(sql));
  } finally {
    await client.end().catch(() => {});
  }
}
