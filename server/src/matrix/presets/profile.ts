import {
  formatCount,
  type RunSettings,
  RunSettingsSchema,
  type StrategyName,
  type Workload,
} from '@gatherscope/shared';
import type { Profiler, TrialResult } from '../../engine/types';
import { speedupWithCi } from '../verdict/arm-speedup';
import { arm, interleave } from './arms';
import { type CpuMeter, computeShare, createCpuMeter, shareFacts } from './cpu-meter';
import type { PresetContext, PresetResult } from './types';

export interface CompareOptions {
  workload: Workload;
  settings?: Partial<RunSettings>;
  baseline?: StrategyName;
  treatment?: StrategyName;
  trials: number;
  warmup?: number;
}

export async function withProfiler<T>(
  ctx: PresetContext,
  workload: Workload,
  settings: Partial<RunSettings>,
  fn: (p: Profiler) => Promise<T>,
): Promise<T> {
  const full = RunSettingsSchema.parse({ strategies: ['sequential'], ...settings });
  const profiler = await ctx.createProfiler({
    url: ctx.databaseUrl,
    workload,
    settings: full,
    trustedFunctions: ctx.trustedFunctions,
  });
  try {
    return await fn(profiler);
  } finally {
    await profiler.close();
  }
}

function failure(trials: readonly TrialResult[]): Error | null {
  const bad = trials.find((t) => t.failed);
  if (!bad) return null;
  const err = bad.spans.find((s) => s.error)?.error;
  return new Error(`a ${bad.strategy} trial failed: ${err?.message ?? 'unknown error'}`);
}

/**
 * Interleaved trials (A B A B …) of two strategies through the engine; the measured ones only.
 * With a meter, the CPU of the first strategy's measured trials is read around each of them.
 */
export async function interleavedTrials(
  ctx: PresetContext,
  p: Profiler,
  strategies: readonly StrategyName[],
  trials: number,
  warmup: number,
  meter?: CpuMeter,
): Promise<Map<StrategyName, TrialResult[]>> {
  const runs = await interleave(
    strategies.map((s, i) => (trial: number) => {
      const run = () => p.runTrial(s, { trial, signal: ctx.signal });
      if (!meter || i > 0 || trial < 0) return run();
      return meter.around(run, { pids: () => p.activeBackendPids(), wallMs: (r) => r.wallMs });
    }),
    trials,
    warmup,
    ctx.signal,
  );
  const err = failure(runs.flat());
  if (err) throw err;
  return new Map(strategies.map((s, i) => [s, runs[i]!]));
}

/** A sequential-vs-something comparison of one workload on the demo database, with its CPU share. */
export async function compareStrategies(ctx: PresetContext, o: CompareOptions): Promise<PresetResult> {
  const baseline = o.baseline ?? 'sequential';
  const treatment = o.treatment ?? 'concurrent';
  const warmup = o.warmup ?? 2;
  const settings = o.settings ?? {};
  const meter = await createCpuMeter(ctx.databaseUrl);
  const trials = await withProfiler(ctx, o.workload, settings, (p) =>
    interleavedTrials(ctx, p, [baseline, treatment], o.trials, warmup, meter),
  );
  const share = computeShare(meter.totals(), true);
  const b = trials.get(baseline)!.map((t) => t.wallMs);
  const c = trials.get(treatment)!.map((t) => t.wallMs);
  const rtt = settings.rttMs ?? 0;
  return {
    setup: `${o.workload.name} (${formatCount(o.workload.queries.length, 'query', 'queries')}), RTT ${rtt} ms, ${o.trials} trials + ${warmup} warm-up per strategy, interleaved`,
    baseline: arm(baseline, b),
    treatment: arm(treatment, c),
    speedup: speedupWithCi(b, c),
    computeShare: share.share,
    facts: [{ label: 'queries per request', value: String(o.workload.queries.length) }, ...shareFacts(share)],
    sampleSpans: [...trials.get(baseline)!.at(-1)!.spans, ...trials.get(treatment)!.at(-1)!.spans],
  };
}
