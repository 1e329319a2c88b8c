import { modelName, type StrategyName, type StrategyStats, type Theory } from '@gatherscope/shared';

export interface Marker {
  kind: 'theory' | 'wall' | 'median';
  ms: number;
  label: string;
}

/** The name of the model each strategy is held to (shared `modelName`): waves with dependencies. */
export const theoryModel = (strategy: StrategyName, boundedK: number, dependencies = false): string =>
  modelName(strategy, boundedK, dependencies);

/**
 * Vertical markers of one panel: the theoretical time of its strategy, the median wall time over
 * its counted trials, and the wall time of the trial shown (when one trial is shown). The theory
 * marker is the strategy's own `theoreticalMs` (from its own per-query medians), the number the
 * summary table shows, not the run-wide `theory` built from sequential's timings; `theory` only
 * names the bounded model's k.
 */
export function panelMarkers(
  strategy: StrategyName,
  theory: Theory | undefined,
  stats: StrategyStats | undefined,
  shownWallMs: number | undefined,
  dependencies = false,
): Marker[] {
  const out: Marker[] = [];
  // A strategy without a counted trial has no statistics to mark.
  if (stats && stats.wallMs.n > 0) {
    const label = theory ? `theory: ${theoryModel(strategy, theory.boundedK, dependencies)}` : 'theory';
    if (stats.theoreticalMs > 0) out.push({ kind: 'theory', ms: stats.theoreticalMs, label });
    out.push({ kind: 'median', ms: stats.wallMs.median, label: 'median wall' });
  }
  if (shownWallMs !== undefined && shownWallMs > 0)
    out.push({ kind: 'wall', ms: shownWallMs, label: 'wall' });
  return out;
}
