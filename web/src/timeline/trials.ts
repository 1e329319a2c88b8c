import type { StrategyName, Trial } from '@gatherscope/shared';
import type { TrialChoice } from './types';

/** Measured trials of one strategy (warm-ups excluded), in trial order. */
export function measuredTrials(trials: readonly Trial[], strategy: StrategyName): Trial[] {
  return trials.filter((t) => t.strategy === strategy && !t.warmup).sort((a, b) => a.trial - b.trial);
}

/**
 * The trial whose wall time is the median of the strategy's measured trials (the lower middle one
 * for an even count, so it is a trial that really happened). Failed trials count only when every
 * trial failed.
 */
export function medianTrial(trials: readonly Trial[], strategy: StrategyName): Trial | undefined {
  const all = measuredTrials(trials, strategy);
  const ok = all.filter((t) => !t.failed);
  const pool = (ok.length ? ok : all).slice().sort((a, b) => a.wallMs - b.wallMs || a.trial - b.trial);
  return pool[Math.floor((pool.length - 1) / 2)];
}

/** The trials a panel shows for a choice; a trial still streaming in counts as soon as it has spans. */
export function chooseTrials(trials: readonly Trial[], strategy: StrategyName, choice: TrialChoice): Trial[] {
  if (choice.kind === 'all') return measuredTrials(trials, strategy);
  if (choice.kind === 'trial') {
    const t = trials.find((x) => x.strategy === strategy && x.trial === choice.trial);
    return t ? [t] : [];
  }
  const own = trials.filter((t) => t.strategy === strategy);
  const latest = own[own.length - 1];
  if (choice.kind === 'median') {
    const m = medianTrial(trials, strategy);
    if (m) return [m];
  }
  // The latest trial, or nothing measured yet (warm-up still running, the first trial in flight).
  return latest ? [latest] : [];
}

/** Wall time of a trial: its recorded wall time, or for a trial still running its latest span end. */
export function trialWallMs(t: Trial): number {
  return t.wallMs > 0 ? t.wallMs : t.spans.reduce((m, s) => Math.max(m, s.end), 0);
}
