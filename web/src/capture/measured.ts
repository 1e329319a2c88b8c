import type { RunSummary, StrategyName } from '@gatherscope/shared';

export interface MeasuredSaving {
  sequentialMs: number;
  gatheredMs: number;
  /** Median sequential − median of the gathered strategy: what the replay measured. */
  savingMs: number;
}

/**
 * What a replay measured: the median wall time as captured (sequential) minus the median of the
 * gathered strategy (dependency-aware by default), both from the run's own statistics. Null while
 * the run has no summary or either strategy has no successful trial.
 */
export function measuredSaving(
  summary: RunSummary | null,
  gathered: StrategyName = 'dependency-aware',
): MeasuredSaving | null {
  const median = (s: StrategyName) => {
    const st = summary?.strategies.find((x) => x.strategy === s);
    return st && st.wallMs.n > 0 ? st.wallMs.median : null;
  };
  const sequentialMs = median('sequential');
  const gatheredMs = median(gathered);
  if (sequentialMs === null || gatheredMs === null) return null;
  return { sequentialMs, gatheredMs, savingMs: sequentialMs - gatheredMs };
}

/** The prediction's error against the measurement, in ms (predicted − measured). */
export const predictionErrorMs = (predictedMs: number, measured: MeasuredSaving) =>
  predictedMs - measured.savingMs;
