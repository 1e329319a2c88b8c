import type { Workload } from '@gatherscope/shared';
import { readCatalogVersion, readGuardCatalog } from '../db/guard/catalog-read';
import { AppError } from '../errors/app-error';
import { GuardCatalog } from './catalog';
import type { AccessMode } from './function-verdict';
import { ensureParser } from './parse';
import { createPolicy, type StatementPolicy } from './policy';

export interface GuardTarget {
  /** The database the statements will run on: its catalog decides about functions. */
  url: string;
  mode: AccessMode;
  trustedFunctions?: readonly string[] | undefined;
  /** Queries (ids) run in the trial's transaction that is rolled back: judged in 'rolled-back' mode. */
  rolledBack?: readonly string[] | undefined;
}

/** How long a target's catalog is reused: one read serves a run, its trials and the presets around it. */
const CATALOG_TTL_MS = 30_000;
const catalogs = new Map<string, { at: number; catalog: Promise<GuardCatalog> }>();

/**
 * The catalog of `url`, read once and shared by the checks that follow within CATALOG_TTL_MS. Keyed
 * by the whole URL: role, database and startup options decide the search_path names resolve over.
 */
export function catalogFor(url: string, now = Date.now()): Promise<GuardCatalog> {
  const hit = catalogs.get(url);
  if (hit && now - hit.at < CATALOG_TTL_MS) return hit.catalog;
  const catalog = readGuardCatalog(url).then((rows) => new GuardCatalog(rows));
  catalogs.set(url, { at: now, catalog });
  // A failed read is not kept: the next check asks again.
  catalog.catch(() => catalogs.delete(url));
  for (const [k, v] of catalogs) if (now - v.at >= CATALOG_TTL_MS) catalogs.delete(k);
  return catalog;
}

/**
 * Whether `url`'s cached catalog, read before `readBefore`, may be out of date: its fingerprint no
 * longer matches the database's (or could not be read). Such a catalog is dropped, so the next check
 * reads it again; one that still matches counts as read now. A refusal judged on a catalog read
 * before the check is final only when this says no (assertWorkloadAllowed).
 */
async function forgetStaleCatalog(url: string, readBefore: number): Promise<boolean> {
  const hit = catalogs.get(url);
  if (!hit || hit.at >= readBefore) return false;
  const cached = await hit.catalog.then((c) => c.version).catch(() => undefined);
  const now = await readCatalogVersion(url).catch(() => undefined);
  if (cached !== undefined && now === cached) {
    hit.at = Math.max(hit.at, readBefore);
    return false;
  }
  if (catalogs.get(url) === hit) catalogs.delete(url);
  return true;
}

/** Where a target's catalog comes from: its database (catalogFor), or a fixed one in route tests. */
export type CatalogSource = (url: string) => Promise<GuardCatalog>;

/** The policy for a target: parser loaded, catalog read (or reused). */
export async function policyFor(
  target: GuardTarget,
  catalogOf: CatalogSource = catalogFor,
): Promise<StatementPolicy> {
  const [catalog] = await Promise.all([catalogOf(target.url), ensureParser()]);
  return createPolicy({
    catalog,
    mode: target.mode,
    ...(target.trustedFunctions && { trustedFunctions: target.trustedFunctions }),
  });
}

/**
 * Refuses a workload with a statement the target may not run, naming every bad query, before a
 * single profiling connection is opened. Profile runs, load tests, the CLI and the decision
 * matrix's presets all come through here.
 */
export async function assertWorkloadAllowed(
  workload: Workload,
  target: GuardTarget,
  catalogOf: CatalogSource = catalogFor,
): Promise<void> {
  const startedAt = Date.now();
  try {
    await judgeWorkload(workload, target, catalogOf);
  } catch (err) {
    // A function created since the cached catalog was read is unknown to it: a refusal is final only
    // on a catalog known to be current, read for this check or with the database's fingerprint. (An
    // allowance on a cached catalog is what the cache is for; the server-side layers hold whatever
    // the policy says.)
    if (
      catalogOf !== catalogFor ||
      !(err instanceof AppError) ||
      !(await forgetStaleCatalog(target.url, startedAt))
    )
      throw err;
    await judgeWorkload(workload, target, catalogOf);
  }
}

async function judgeWorkload(
  workload: Workload,
  target: GuardTarget,
  catalogOf: CatalogSource,
): Promise<void> {
  const policy = await policyFor(target, catalogOf);
  const inTransaction = new Set(target.rolledBack ?? []);
  const rolledBack =
    inTransaction.size > 0 ? await policyFor({ ...target, mode: 'rolled-back' }, catalogOf) : policy;
  assertAllowedBy(workload, policy, (id) => (inTransaction.has(id) ? rolledBack : policy));
}

export function assertAllowedBy(
  workload: Workload,
  policy: StatementPolicy,
  policyOf: (queryId: string) => StatementPolicy = () => policy,
): void {
  const refusedBy = new Set<AccessMode>();
  const issues = workload.queries.flatMap((q, i) => {
    const judge = policyOf(q.id);
    const problem = judge.check(q.sql);
    if (problem) refusedBy.add(judge.mode);
    return problem
      ? [{ path: `queries.${i}.sql`, message: `query "${q.id}" is refused: ${problem.message}` }]
      : [];
  });
  const first = issues[0];
  if (!first) return;
  throw new AppError('read_only_violation', `${first.message[0]?.toUpperCase()}${first.message.slice(1)}.`, {
    status: 400,
    hint: refusedBy.has('rolled-back')
      ? 'A replay runs its writes in a transaction that is always rolled back, so only plain INSERT, UPDATE, DELETE, MERGE and reads run there: nothing a ROLLBACK does not undo (DDL, COPY, transaction control, SET, sequences, advisory locks, NOTIFY, volatile functions of the database unless its saved connection trusts them).'
      : policy.mode === 'read-only'
        ? 'Gatherscope only reads from this database. Profile the SELECTs of the endpoint; writes are allowed only on the embedded demo database or on a saved connection with writes explicitly enabled, and functions of your own run only when the saved connection trusts them.'
        : 'Profile plain statements (SELECT, INSERT, UPDATE, DELETE, MERGE); session and administration commands are never run.',
    details: { issues },
  });
}

/**
 * Writing is possible only on the embedded demo database (the decision matrix's batch preset needs
 * it) or on a saved connection whose owner explicitly enabled writes.
 */
export function accessModeFor(
  target: { embedded: boolean; writesEnabled?: boolean | undefined },
  wantsWrites: boolean,
): AccessMode {
  if (!wantsWrites) return 'read-only';
  if (target.embedded || target.writesEnabled === true) return 'read-write';
  throw new AppError('read_only_violation', 'Writes are not enabled for this database.', {
    status: 403,
    hint: 'Writes are allowed only on the embedded demo database, or on a saved connection with "allow writes" turned on.',
  });
}
