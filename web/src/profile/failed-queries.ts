import { type QueryError, queryErrorKey, queryErrors, type StrategyName } from '@gatherscope/shared';
import type { TimelineRun } from '../timeline/types';

/** One distinct error of one query over the whole run, with the strategies it happened in. */
export interface FailedQuery extends Omit<QueryError, 'count'> {
  /** Spans that ended with it, all strategies together. */
  count: number;
  /** Spans per strategy, in the run's strategy order; strategies without it are left out. */
  byStrategy: { strategy: StrategyName; count: number }[];
}

type StrategyErrors = { strategy: StrategyName; errors: readonly QueryError[] };

/**
 * Each strategy's distinct query errors. The server's list (summary.strategies[].errors) once the
 * run has one: the web app does not recount what the server counted. Before that (a run streaming
 * in, one Stop cut short, one recorded before the server kept the list) they are counted from the
 * measured trials with the server's own rule (`queryErrors` of the contract).
 */
function strategyErrors(run: TimelineRun): StrategyErrors[] {
  const stats = run.summary?.strategies;
  if (stats?.every((s) => s.errors !== undefined)) {
    return stats.map((s) => ({ strategy: s.strategy, errors: s.errors ?? [] }));
  }
  const order = run.workload.queries.map((q) => q.id);
  return run.settings.strategies.map((strategy) => ({
    strategy,
    errors: queryErrors(
      run.trials.filter((t) => t.strategy === strategy && !t.warmup),
      order,
    ),
  }));
}

/**
 * Every distinct query error of a run once, with its count and the strategies it happened in, in
 * the workload's query order (then first met): a bad statement that fails under all five strategies
 * is one line, not five.
 */
export function failedQueries(run: TimelineRun): FailedQuery[] {
  const merged = new Map<string, FailedQuery>();
  for (const { strategy, errors } of strategyErrors(run)) {
    for (const { count, ...e } of errors) {
      const k = queryErrorKey(e);
      const seen = merged.get(k) ?? { ...e, count: 0, byStrategy: [] };
      seen.count += count;
      seen.byStrategy.push({ strategy, count });
      merged.set(k, seen);
    }
  }
  const order = run.workload.queries.map((q) => q.id);
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i < 0 ? order.length : i;
  };
  return [...merged.values()].sort((a, b) => rank(a.queryId) - rank(b.queryId));
}
