import type { StrategyName, StrategyStats, Theory } from '@gatherscope/shared';

export interface Marker {
  kind: 'theory' | 'wall' | 'median';
  ms: number;
  label: string;
}

/** The model each strategy is held to, read from the server's theory (never recomputed here). */
export function theoryFor(strategy: StrategyName, theory: Theory): { ms: number; label: string } {
  switch (strategy) {
    case 'sequential':
    case 'single-connection':
      return { ms: theory.sumMs, label: 'theory: sum' };
    case 'concurrent':
      return { ms: theory.maxMs, label: 'theory: max' };
    case 'dependency-aware':
      return { ms: theory.criticalPathMs, label: 'theory: critical path' };
    case 'bounded':
      return { ms: theory.boundedMs, label: `theory: bounded k=${theory.boundedK}` };
  }
}

/**
 * Vertical markers of one panel: the theoretical time of its strategy, the median wall time over
 * all trials, and the wall time of the trial shown (when one trial is shown).
 */
export function panelMarkers(
  strategy: StrategyName,
  theory: Theory | undefined,
  stats: StrategyStats | undefined,
  shownWallMs: number | undefined,
): Marker[] {
  const out: Marker[] = [];
  if (theory) {
    const t = theoryFor(strategy, theory);
    out.push({ kind: 'theory', ms: t.ms, label: t.label });
  }
  if (stats) out.push({ kind: 'median', ms: stats.wallMs.median, label: 'median wall' });
  if (shownWallMs !== undefined && shownWallMs > 0)
    out.push({ kind: 'wall', ms: shownWallMs, label: 'wall' });
  return out;
}
