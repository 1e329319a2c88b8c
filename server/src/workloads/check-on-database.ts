import {
  effectiveRunLimits,
  type FieldIssue,
  type QueryCheck,
  type RunLimits,
  type Workload,
  workloadCheckIssues,
} from '@gatherscope/shared';
import { describeStatements } from '../db/profiler/describe-statements';
import { defaultConnectionLimits } from '../db/profiler/instrumented-connection';
import { AppError, isAppError } from '../errors/app-error';
import { assertWorkloadAllowed, type CatalogSource, catalogFor } from '../guard/workload-policy';
import { policyTargetOf, type ResolvedTarget } from '../targets/targets';

/** SQLSTATEs that mean the database lacks the tables or columns a statement names. */
const MISSING_OBJECT = new Set(['42P01', '42703', '3F000', '42883']);

type CheckTarget = Pick<ResolvedTarget, 'url' | 'readOnly' | 'trustedFunctions'>;

/** Which queries the statement policy refuses (index → message), asked of the guard itself. */
async function refusedByGuard(
  workload: Workload,
  target: CheckTarget,
  catalogOf: CatalogSource,
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  try {
    await assertWorkloadAllowed(workload, policyTargetOf(target), catalogOf);
  } catch (err) {
    const issues = isAppError(err) ? (err.details?.issues as FieldIssue[] | undefined) : undefined;
    if (!issues) throw err;
    for (const i of issues) {
      const m = /^queries\.(\d+)\.sql$/.exec(i.path);
      if (m) refused.set(Number(m[1]), i.message);
    }
  }
  return refused;
}

/**
 * Each query of the workload checked against the target without running it: first the guard's
 * statement policy (PostgreSQL's parser and the target's catalog: nothing the policy refuses is
 * ever sent to the database, not even to be parsed), then, for the queries it allows, PostgreSQL's
 * Parse + Describe on a read-only connection with the run's statement timeout, which executes
 * nothing. An unknown table or column comes back in the database's own words.
 */
export async function checkWorkload(
  workload: Workload,
  target: CheckTarget,
  limits?: RunLimits,
  catalogOf: CatalogSource = catalogFor,
): Promise<QueryCheck[]> {
  const refused = await refusedByGuard(workload, target, catalogOf);
  const allowed = workload.queries.filter((_, i) => !refused.has(i));
  const described = allowed.length
    ? await describeStatements(
        target.url,
        allowed.map((q) => q.sql),
        {
          statementTimeoutMs: effectiveRunLimits(limits).statementTimeoutMs,
          lockTimeoutMs: defaultConnectionLimits.lockTimeoutMs,
          connectTimeoutMs: defaultConnectionLimits.connectTimeoutMs,
        },
      )
    : [];
  let k = 0;
  return workload.queries.map((q, i): QueryCheck => {
    const refusal = refused.get(i);
    if (refusal !== undefined) return { ok: false, queryId: q.id, error: { message: refusal } };
    const d = described[k++];
    if (!d) throw new Error('describeStatements answered fewer statements than it was given');
    if (!d.ok) return { ok: false, queryId: q.id, error: d.error };
    return { ok: true, queryId: q.id, columns: d.columns };
  });
}

/**
 * Refuses a run whose queries cannot run on the target, before any trial: an inline workload's
 * issues name the query (`workload.queries.1.sql`, shown at the query in the editor); a built-in
 * workload that needs the demo shop's tables says so instead of failing every trial.
 */
export async function assertWorkloadRuns(
  workload: Workload,
  target: ResolvedTarget,
  builtin: boolean,
  limits?: RunLimits,
): Promise<void> {
  const checks = await checkWorkload(workload, target, limits);
  const failed = checks.findIndex((c) => !c.ok);
  const first = checks[failed];
  if (!first || first.ok) return;
  const db = `${target.database.label} (${target.database.name})`;
  if (builtin && first.error.sqlstate && MISSING_OBJECT.has(first.error.sqlstate)) {
    throw new AppError(
      'validation_failed',
      `The built-in workload "${workload.name}" needs the demo shop's tables (users, orders, products, favorites, reviews), and ${db} does not have them: ${first.error.message}.`,
      {
        status: 400,
        hint: 'Run it on the default database (the embedded demo shop), or write a custom workload for the tables of this database (Custom, or "Edit a copy" and change the SQL).',
        details: {
          issues: [{ path: 'workload', message: `needs the demo shop's tables: ${first.error.message}` }],
        },
      },
    );
  }
  const issues = workloadCheckIssues(workload, checks, builtin ? '' : 'workload.');
  throw new AppError(
    'validation_failed',
    `Query "${first.queryId}" cannot run on ${db}: ${first.error.message}.${issues.length > 1 ? ` ${issues.length} queries have problems.` : ''}`,
    {
      status: 400,
      hint: 'Nothing was run. Fix the SQL of the marked queries; the messages are the database’s own.',
      details: { issues },
    },
  );
}
