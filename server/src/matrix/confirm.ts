import type { DetectorReport, RunRecord } from '@gatherscope/shared';
import { median } from '../engine/stats';
import type { CreateProfiler } from '../engine/types';
import { AppError } from '../http/errors';
import { interleavedTrials, withProfiler } from './presets/profile';
import type { PresetContext } from './presets/types';

export type ConsecutiveConfirmer = (
  run: RunRecord,
  signal: AbortSignal,
) => Promise<NonNullable<DetectorReport['confirmation']>>;

const CONFIRM_TRIALS = 10;

/**
 * Confirms a predicted saving by measuring it: the run's workload, sequential vs dependency-aware
 * (each query starts as soon as its real dependencies finish), with the run's RTT and pool size.
 * Runs on the default database only; a run against a saved connection says how to confirm there.
 */
export function consecutiveConfirmer(opts: {
  databaseUrl: string;
  embedded: boolean;
  createProfiler: CreateProfiler;
}): ConsecutiveConfirmer {
  return async (run, signal) => {
    if (run.target.kind !== 'default') {
      throw new AppError('bad_request', 'Savings are confirmed on the default database only.', {
        status: 400,
        hint: 'Run the workload on the Profile page with the sequential and dependency-aware strategies on that connection.',
      });
    }
    const ctx: PresetContext = {
      databaseUrl: opts.databaseUrl,
      embedded: opts.embedded,
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
