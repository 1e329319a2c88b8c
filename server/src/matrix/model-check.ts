import os from 'node:os';
import type { ModelCheck, RunRecord, StrategyName } from '@gatherscope/shared';
import { concurrentAloneMs, type ModelQuery, type ModelSystem, sequentialAloneMs } from './model';

/**
 * The model's prediction of each strategy of a stored run, from per-query times alone: the median
 * span of each query under the sequential strategy, less one round trip (or, without a sequential
 * strategy, the query's declared simulated delay). The model then has to predict how those times
 * combine under each strategy: sum, list schedule on the pool or on k slots, dependencies.
 */
function modelQueriesOf(run: RunRecord): ModelQuery[] {
  const seq = run.summary?.strategies.find((s) => s.strategy === 'sequential');
  return run.workload.queries.map((q) => {
    const measured = seq?.perQuery.find((p) => p.queryId === q.id)?.medianMs;
    const ms =
      measured === undefined ? (q.simulatedDelayMs ?? 0) : Math.max(0, measured - run.settings.rttMs);
    return { id: q.id, ms, cpuMs: 0, dependsOn: q.dependsOn ?? [] };
  });
}

export function predictStrategyMs(
  strategy: StrategyName,
  queries: readonly ModelQuery[],
  run: Pick<RunRecord, 'settings'>,
  dbCores = os.cpus().length,
): number {
  const sys: ModelSystem = {
    rttMs: run.settings.rttMs,
    poolSize: run.settings.poolSize,
    dbCores,
    ratePerSec: 0,
  };
  switch (strategy) {
    case 'sequential':
    case 'single-connection':
      return sequentialAloneMs(queries, sys);
    case 'bounded':
      return concurrentAloneMs(queries, { ...sys, poolSize: run.settings.boundedK });
    case 'concurrent':
    case 'dependency-aware':
      return concurrentAloneMs(queries, sys);
  }
}

/** Prediction error per strategy for one completed run; null for runs without a summary. */
export function checkRun(run: RunRecord): ModelCheck | null {
  if (!run.summary || run.settings.coldConnections) return null;
  const queries = modelQueriesOf(run);
  return {
    runId: run.id,
    workload: run.workload.name,
    createdAt: run.createdAt,
    rttMs: run.settings.rttMs,
    rows: run.summary.strategies
      .filter((s) => s.wallMs.n > 0)
      .map((s) => {
        const predictedMs = predictStrategyMs(s.strategy, queries, run);
        const measuredMs = s.wallMs.median;
        return {
          strategy: s.strategy,
          predictedMs,
          measuredMs,
          error: (predictedMs - measuredMs) / measuredMs,
        };
      }),
  };
}
