import { medianTrial, type StrategyName, type Trial } from '@gatherscope/shared';
import type { TrialChoice } from './types';

/** Measured trials of one strategy (warm-ups excluded), in trial order. */
export function measuredTrials(trials: readonly Trial[], strategy: StrategyName): Trial[] {
  return trials.filter((t) => t.strategy === strategy && !t.warmup).sort((a, b) => a.trial - b.trial);
}

// The median trial rule is the contract's, shared with the HTML export (which picks it on the server).
export { medianTrial };

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
