import type { QueryError, StrategyStats, Trial } from '@gatherscope/shared';

const key = (e: Omit<QueryError, 'count'>) =>
  `${e.queryId}\u0000${e.kind}\u0000${e.sqlstate ?? ''}\u0000${e.message}`;

/**
 * The distinct errors of the queries of some trials, counted, in the workload's query order (then
 * first met), so the list does not depend on which concurrent query failed first. A stop's
 * cancellations are not errors of the workload, so they are left out.
 */
export function queryErrors(trials: readonly Trial[], queryOrder: readonly string[] = []): QueryError[] {
  const found = new Map<string, QueryError>();
  for (const t of trials) {
    for (const s of t.spans) {
      if (!s.error || s.error.kind === 'cancelled') continue;
      const e = {
        queryId: s.queryId,
        kind: s.error.kind,
        ...(s.error.sqlstate !== undefined && { sqlstate: s.error.sqlstate }),
        message: s.error.message,
      };
      const k = key(e);
      const seen = found.get(k);
      if (seen) seen.count++;
      else found.set(k, { ...e, count: 1 });
    }
  }
  const rank = (id: string) => {
    const i = queryOrder.indexOf(id);
    return i < 0 ? queryOrder.length : i;
  };
  return [...found.values()].sort((a, b) => rank(a.queryId) - rank(b.queryId));
}

/** The same errors of several strategies as one list, counts added up (first met first). */
export function mergeQueryErrors(lists: readonly (readonly QueryError[])[]): QueryError[] {
  const merged = new Map<string, QueryError>();
  for (const e of lists.flat()) {
    const k = key(e);
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
