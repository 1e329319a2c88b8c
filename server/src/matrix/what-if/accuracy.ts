import { RunSettingsSchema, type StrategyName, type Workload } from '@gatherscope/shared';
import { median } from '../../engine/stats';
import type { CreateProfiler } from '../../engine/types';
import { declaredModelQueries, predictStrategyMs } from './model-check';

export interface AccuracyRow {
  rttMs: number;
  strategy: StrategyName;
  predictedMs: number;
  measuredMs: number;
  /** |predicted − measured| / measured */
  error: number;
}

/**
 * Predicts a workload a priori, from its declared simulated delays only (nothing measured goes in),
 * then measures it through the engine and compares medians. Used by `npm run bench -- model-accuracy` and the report.
 */
export async function measureModelAccuracy(opts: {
  url: string;
  workload: Workload;
  createProfiler: CreateProfiler;
  rtts: readonly number[];
  trials: number;
  boundedK: number;
  poolSize: number;
}): Promise<AccuracyRow[]> {
  const queries = declaredModelQueries(opts.workload);
  if (!queries) throw new Error(`every query of ${opts.workload.name} must declare a simulated delay`);
  const strategies: StrategyName[] = ['sequential', 'concurrent', 'bounded'];
  const rows: AccuracyRow[] = [];
  for (const rttMs of opts.rtts) {
    const settings = RunSettingsSchema.parse({
      strategies,
      rttMs,
      poolSize: opts.poolSize,
      boundedK: opts.boundedK,
    });
    const profiler = await opts.createProfiler({ url: opts.url, workload: opts.workload, settings });
    const walls = new Map<StrategyName, number[]>(strategies.map((s) => [s, []]));
    try {
      for (let t = -1; t < opts.trials; t++) {
        for (const s of strategies) {
          const r = await profiler.runTrial(s, { trial: t });
          if (r.failed)
            throw new Error(`a ${s} trial failed: ${r.spans.find((x) => x.error)?.error?.message}`);
          if (t >= 0) walls.get(s)!.push(r.wallMs);
        }
      }
    } finally {
      await profiler.close();
    }
    for (const s of strategies) {
      const measuredMs = median(walls.get(s)!);
      const predictedMs = predictStrategyMs(s, queries, { settings }, 1);
      rows.push({
        rttMs,
        strategy: s,
        predictedMs,
        measuredMs,
        error: Math.abs(predictedMs - measuredMs) / measuredMs,
      });
    }
  }
  return rows;
}
