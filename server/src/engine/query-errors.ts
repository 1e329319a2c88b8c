import { type QueryError, queryErrorKey, type RunSummary, type StrategyStats } from '@gatherscope/shared';

// The counting rule is the contract's: the web app counts a live run's errors with it too.
export { queryErrors } from '@gatherscope/shared';

/** The same errors of several strategies as one list, counts added up (first met first). */
export function mergeQueryErrors(lists: readonly (readonly QueryError[])[]): QueryError[] {
  const merged = new Map<string, QueryError>();
  for (const e of lists.flat()) {
    const k = queryErrorKey(e);
    const seen = merged.get(k);
    if (seen) seen.count += e.count;
    else merged.set(k, { ...e });
  }
  return [...merged.values()];
}

/**
 * The error that explains a failure best: one the database raised rather than a query skipped
 * because of it. `query "bad" failed: syntax error at or near "SELEC" (SQLSTATE 42601)`.
 */
export function describeQueryError(errors: readonly QueryError[]): string | null {
  const first = errors.find((e) => e.kind !== 'skipped') ?? errors[0];
  if (!first) return null;
  const state = first.sqlstate ? ` (SQLSTATE ${first.sqlstate})` : '';
  const verb = first.kind === 'skipped' ? 'was skipped' : first.kind === 'timeout' ? 'timed out' : 'failed';
  const message = first.kind === 'skipped' ? first.message.replace(/^Skipped: /, '') : first.message;
  const more = new Set(errors.map((e) => e.queryId)).size - 1;
  return `query "${first.queryId}" ${verb}: ${message.replace(/\.$/, '')}${state}${more > 0 ? `, and ${more} other quer${more === 1 ? 'y' : 'ies'} had errors` : ''}`;
}

/** The measured trials of some strategies, and how many of them failed (and were left out). */
export function failedTrials(stats: readonly StrategyStats[]): { failed: number; total: number } {
  const failed = stats.reduce((n, s) => n + s.failedTrials, 0);
  return { failed, total: stats.reduce((n, s) => n + s.wallMs.n, failed) };
}

/**
 * Why a run that finished is still a failure: a query failed in every measured trial of every
 * strategy, so no strategy ran the workload and no time of it means anything. Null otherwise.
 */
export function everyTrialFailed(
  summary: RunSummary,
): { code: 'query_failed'; message: string; hint: string } | null {
  const ids = summary.strategies[0]?.perQuery.map((q) => q.queryId) ?? [];
  const dead = ids.filter((id) =>
    summary.strategies.every((s) => {
      const q = s.perQuery.find((p) => p.queryId === id);
      return q !== undefined && q.errors > 0 && q.samples === 0;
    }),
  );
  if (dead.length === 0) return null;
  const errors = mergeQueryErrors(summary.strategies.map((s) => s.errors ?? [])).filter((e) =>
    dead.includes(e.queryId),
  );
  const first = errors.find((e) => e.kind !== 'skipped') ?? errors[0];
  const cause = first
    ? `: ${first.message.replace(/^Skipped: /, '').replace(/\.$/, '')}${first.sqlstate ? ` (SQLSTATE ${first.sqlstate})` : ''}`
    : '';
  const which = dead.length === 1 ? `query "${dead[0]}"` : `queries ${dead.map((d) => `"${d}"`).join(', ')}`;
  return {
    code: 'query_failed',
    message: `Every measured trial of ${which} failed${cause}.`,
    hint: 'Fix the query and run again; its error is the database’s own. The trials are kept for inspection.',
  };
}
