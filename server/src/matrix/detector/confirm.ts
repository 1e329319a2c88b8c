import type { DetectorReport, RunRecord } from '@gatherscope/shared';
import { median } from '../../engine/stats';
import type { CreateProfiler } from '../../engine/types';
import type { TargetResolver } from '../../targets/targets';
import { interleavedTrials, withProfiler } from '../presets/profile';
import type { PresetContext } from '../presets/types';

export type ConsecutiveConfirmer = (
  run: RunRecord,
  signal: AbortSignal,
) => Promise<NonNullable<DetectorReport['confirmation']>>;

const CONFIRM_TRIALS = 10;

/**
 * Confirms a predicted saving by measuring it: the run's workload, sequential vs dependency-aware
 * (each query starts as soon as its real dependencies finish), with the run's RTT and pool size, on
 * the run's own target (the default database or its saved connection, resolved as runs resolve it).
 * Always read-only, whatever the connection allows: the profiler's guard defaults to read-only and
 * refuses any writing statement before a connection opens.
 */
export function consecutiveConfirmer(opts: {
  createProfiler: CreateProfiler;
  resolveTarget: TargetResolver;
}): ConsecutiveConfirmer {
  return async (run, signal) => {
    const target = await opts.resolveTarget(run.target);
    const ctx: PresetContext = {
      databaseUrl: target.url,
      embedded: target.database.embedded,
      trustedFunctions: target.trustedFunctions,
      createProfiler: opts.createProfiler,
      signal,
      mock: () => Promise.reject(new Error('not used')),
    };
    const settings = {
      rttMs: run.settings.rttMs,
      poolSize: run.settings.poolSize,
      jitterMs: run.settings.jitterMs,
    };
    const trials = await withProfiler(ctx, run.workload, settings, (p) =>
      interleavedTrials(ctx, p, ['sequential', 'dependency-aware'], CONFIRM_TRIALS, 1),
    );
    const sequentialMs = median(trials.get('sequential')!.map((t) => t.wallMs));
    const dependencyAwareMs = median(trials.get('dependency-aware')!.map((t) => t.wallMs));
    return {
      sequentialMs,
      dependencyAwareMs,
      measuredSavingMs: sequentialMs - dependencyAwareMs,
      trials: CONFIRM_TRIALS,
    };
  };
}
