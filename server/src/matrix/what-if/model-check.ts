import os from 'node:os';
import type { ExcludedRun, ModelCheck, RunRecord, StrategyName, Workload } from '@gatherscope/shared';
import {
  concurrentAloneMs,
  type ModelQuery,
  type ModelSystem,
  pipelinedAloneMs,
  sequentialAloneMs,
} from './model';

/** Time a trivial indexed query costs on a local database, added to each declared delay. */
const BASE_QUERY_MS = 0.5;

/** Per-query times from the workload alone: each query's declared simulated delay; null if one has none. */
export function declaredModelQueries(workload: Workload): ModelQuery[] | null {
  if (!workload.queries.every((q) => q.simulatedDelayMs !== undefined)) return null;
  return workload.queries.map((q) => ({
    id: q.id,
    ms: (q.simulatedDelayMs ?? 0) + BASE_QUERY_MS,
    cpuMs: 0,
    dependsOn: q.dependsOn ?? [],
  }));
}

/**
 * The per-query times the model starts from: the median span of each query under the run's
 * sequential strategy, less one round trip; without a sequential strategy, the declared simulated
 * delays. Null when neither exists: the model would predict 0 ms (−100%) and skew the error.
 */
function modelQueriesOf(run: RunRecord): { queries: ModelQuery[]; fromSequential: boolean } | null {
  const seq = run.summary?.strategies.find((s) => s.strategy === 'sequential' && s.wallMs.n > 0);
  const measured = run.workload.queries.map((q) => seq?.perQuery.find((p) => p.queryId === q.id)?.medianMs);
  if (measured.every((m) => m !== undefined)) {
    return {
      fromSequential: true,
      queries: run.workload.queries.map((q, i) => ({
        id: q.id,
        ms: Math.max(0, measured[i]! - run.settings.rttMs),
        cpuMs: 0,
        dependsOn: q.dependsOn ?? [],
      })),
    };
  }
  const declared = declaredModelQueries(run.workload);
  return declared ? { queries: declared, fromSequential: false } : null;
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
    case 'pipelined':
      return pipelinedAloneMs(queries, sys);
  }
}

const excluded = (run: RunRecord, reason: string): ExcludedRun => ({
  runId: run.id,
  workload: run.workload.name,
  reason,
});

/**
 * Prediction error per strategy for one completed run, or why the model cannot be fitted to it.
 * The sequential row of a run fitted from its own sequential medians is marked `fitted`: it predicts
 * the sum of the per-query medians, which says nothing about the model; it differs from the trial
 * median only by noise (the median of a sum is not the sum of the medians) and time between queries.
 */
export function checkRun(run: RunRecord): ModelCheck | ExcludedRun {
  if (!run.summary) return excluded(run, 'no statistics: the run ended before its summary was computed');
  if (run.settings.coldConnections) {
    return excluded(run, 'cold connections: each query opens a connection, which the model does not include');
  }
  const fit = modelQueriesOf(run);
  if (!fit) {
    return excluded(
      run,
      'no sequential strategy to take per-query times from, and not every query declares a simulated delay',
    );
  }
  return {
    runId: run.id,
    workload: run.workload.name,
    createdAt: run.createdAt,
    rttMs: run.settings.rttMs,
    rows: run.summary.strategies
      .filter((s) => s.wallMs.n > 0 && s.wallMs.median > 0)
      .map((s) => {
        const predictedMs = predictStrategyMs(s.strategy, fit.queries, run);
        const measuredMs = s.wallMs.median;
        return {
          strategy: s.strategy,
          predictedMs,
          measuredMs,
          error: (predictedMs - measuredMs) / measuredMs,
          fitted: fit.fromSequential && s.strategy === 'sequential',
        };
      }),
  };
}
