import type { DatabaseTarget, FieldIssue, RunRecord, Workload } from '@gatherscope/shared';
import { probeConnection } from '../connections/probe';
import { AppError, isAppError } from '../errors/app-error';
import { assertWorkloadAllowed, type CatalogSource, catalogFor } from '../guard/workload-policy';

/** Where a run goes: the URL stays on the server; the run record only keeps `database`. */
export interface ResolvedTarget {
  url: string;
  database: RunRecord['database'];
  /** Statements run read-only unless the saved connection opted in to writes. */
  readOnly: boolean;
  /** Functions of the database its saved connection trusts (src/guard/). */
  trustedFunctions?: readonly string[] | undefined;
  /**
   * Set for a run with a rolled-back transaction (RunSettings.rolledBack): those queries are judged
   * in 'rolled-back' mode, every other one read-only.
   */
  rolledBack?: readonly string[] | undefined;
}

export type TargetResolver = (target: DatabaseTarget) => Promise<ResolvedTarget>;

/** Looks up a saved connection (server/src/connections) by id: URL, display name, write opt-in. */
export type ConnectionLookup = (
  id: string,
) => Promise<{ url: string; name: string; allowWrites: boolean; trustedFunctions?: readonly string[] }>;

export interface TargetResolverOptions {
  databaseUrl: string;
  embedded: boolean;
  lookupConnection?: ConnectionLookup | undefined;
}

/** Asks the database who it is (bounded in time); this also proves it is reachable before a run is accepted. */
async function describe(url: string, label: string, embedded: boolean): Promise<ResolvedTarget['database']> {
  const probe = await probeConnection(url);
  return { name: probe.database, label, serverVersion: probe.serverVersion, embedded };
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
      trustedFunctions: conn.trustedFunctions ?? [],
    };
  };
}

/**
 * Refuses a statement the target may not run (a write on a read-only target, a volatile function…)
 * before any profiling connection opens. Issues of an inline workload are named as fields of the
 * request (`workload.queries.1.sql`).
 */
/** How the statement policy sees a target: its URL, the mode it allows, the functions its owner trusts. */
export const policyTargetOf = (
  target: Pick<ResolvedTarget, 'url' | 'readOnly' | 'trustedFunctions' | 'rolledBack'>,
) => ({
  url: target.url,
  // Beside a rolled-back transaction nothing commits: the other queries are judged read-only.
  mode: target.readOnly || target.rolledBack?.length ? ('read-only' as const) : ('read-write' as const),
  trustedFunctions: target.trustedFunctions,
  ...(target.rolledBack?.length ? { rolledBack: target.rolledBack } : {}),
});

/**
 * Writes may run in a transaction that is rolled back only where writing is allowed at all: the
 * embedded demo database, or a saved connection whose owner turned on "Allow writes". Elsewhere
 * (DATABASE_URL, a saved connection without it) the request is refused, saying which statements
 * write and how to allow it.
 */
export function assertRollbackAllowed(target: ResolvedTarget, writes: readonly string[]): void {
  const refusal = rollbackRefusal(target, writes);
  if (refusal) throw refusal;
}

/** Why `target` does not take writes rolled back (see assertRollbackAllowed), or null when it does. */
export function rollbackRefusal(target: ResolvedTarget, writes: readonly string[]): AppError | null {
  if (target.database.embedded || !target.readOnly) return null;
  const which = writes.length > 0 ? ` (${writes.join(', ')})` : '';
  return new AppError(
    'read_only_violation',
    `This request writes${which}, and ${target.database.label} is read-only for replays.`,
    {
      status: 400,
      hint: 'Replays are read-only by default. Writes run only inside a transaction that is rolled back, on the embedded demo database or on a saved connection with "Allow writes" turned on (Connections): turn it on for this connection and replay there, or replay a request that only reads.',
      details: { writes },
    },
  );
}

export async function assertAllowedOn(
  workload: Workload,
  target: ResolvedTarget,
  builtin: boolean,
  catalogOf: CatalogSource = catalogFor,
): Promise<void> {
  try {
    await assertWorkloadAllowed(workload, policyTargetOf(target), catalogOf);
  } catch (err) {
    const issues = isAppError(err) ? (err.details?.issues as FieldIssue[] | undefined) : undefined;
    if (!isAppError(err) || builtin || !issues) throw err;
    throw new AppError(err.code, err.message, {
      status: err.status,
      ...(err.hint ? { hint: err.hint } : {}),
      details: { ...err.details, issues: issues.map((i) => ({ ...i, path: `workload.${i.path}` })) },
    });
  }
}
