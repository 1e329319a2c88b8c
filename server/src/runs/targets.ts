import type { DatabaseTarget, RunRecord } from '@gatherscope/shared';
import { databaseError } from '../db/pg-errors';
import { withClient } from '../db/postgres';
import { parseDatabaseUrl } from '../db/target';
import { AppError } from '../http/errors';

/** Where a run goes: the URL stays on the server; the run record only keeps `database`. */
export interface ResolvedTarget {
  url: string;
  database: RunRecord['database'];
  /** Statements run read-only unless the saved connection opted in to writes. */
  readOnly: boolean;
}

export type TargetResolver = (target: DatabaseTarget) => Promise<ResolvedTarget>;

/** Looks up a saved connection (server/src/connections) by id: URL, display name, write opt-in. */
export type ConnectionLookup = (id: string) => Promise<{ url: string; name: string; allowWrites: boolean }>;

export interface TargetResolverOptions {
  databaseUrl: string;
  embedded: boolean;
  lookupConnection?: ConnectionLookup | undefined;
}

/** Asks the database who it is; this also proves it is reachable before a run is accepted. */
async function describe(url: string, label: string, embedded: boolean): Promise<ResolvedTarget['database']> {
  const target = parseDatabaseUrl(url);
  const rows = await withClient(url, async (query) => {
    try {
      return (await query("SELECT current_database() AS db, current_setting('server_version') AS v")).rows;
    } catch (err) {
      throw databaseError(err, target);
    }
  });
  const row = rows[0] as { db: string; v: string };
  return { name: row.db, label, serverVersion: row.v, embedded };
}

export function createTargetResolver(opts: TargetResolverOptions): TargetResolver {
  return async (target) => {
    if (target.kind === 'default') {
      const label = opts.embedded ? 'Embedded demo shop' : 'DATABASE_URL';
      return {
        url: opts.databaseUrl,
        database: await describe(opts.databaseUrl, label, opts.embedded),
        readOnly: true,
      };
    }
    if (!opts.lookupConnection) {
      throw new AppError('not_found', 'Saved connections are not available on this server.', {
        status: 404,
        hint: 'Use the default database (target {"kind":"default"}) or start Gatherscope with DATABASE_URL.',
        details: { issues: [{ path: 'target.id', message: 'no saved connections' }] },
      });
    }
    const conn = await opts.lookupConnection(target.id);
    return {
      url: conn.url,
      database: await describe(conn.url, conn.name, false),
      readOnly: !conn.allowWrites,
    };
  };
}
