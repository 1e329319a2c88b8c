import { isCutTrial, type StrategyName, type Trial } from '@gatherscope/shared';
import { bin } from 'd3';
import type { TimeScale } from './scale';
import { measuredTrials } from './trials';
import type { TimelineRun } from './types';

/**
 * A trial the statistics count: measured, completed (not one still running, not one Stop cut short)
 * and successful. A failed trial's wall time is how long it took to fail, not what the workload
 * costs, and the server's median leaves it out; plotting it beside that median would mislead.
 */
export const countsAsMeasurement = (t: Trial) => !t.warmup && t.wallMs > 0 && !t.failed && !isCutTrial(t);

/** What a strategy's row says when no trial counts: every measured one failed (or none ended yet). */
export const NO_TRIAL_TEXT = 'no successful trial';

/** A measured trial that ended, well or not: it has a wall time, or it failed. */
const ended = (t: Trial) => !t.warmup && (t.wallMs > 0 || t.failed);

/**
 * Why a row has no dot. While the run is live, a strategy none of whose trials has ended yet is
 * waiting its turn, not failing; once the run is over, one that never got a trial was stopped first.
 */
export function emptyRowText(row: Pick<DistributionRow, 'ended'>, live: boolean): string {
  if (row.ended > 0) return NO_TRIAL_TEXT;
  return live ? 'no trial finished yet' : 'not measured (stopped before its first trial)';
}

export interface DistributionRow {
  strategy: StrategyName;
  /** The trials that count (see countsAsMeasurement), in trial order: empty when every trial failed. */
  trials: { trial: number; wallMs: number }[];
  /** The server's median wall time of the strategy, when the run has statistics. */
  medianMs: number | undefined;
  /** Measured trials of the strategy that ended (successful, failed or cut): 0 when none has yet. */
  ended: number;
}

/** Wall times of the trials that count per strategy: what the trial distributions plot. */
export function distributionRows(run: TimelineRun): DistributionRow[] {
  return run.settings.strategies.map((strategy) => {
    const measured = measuredTrials(run.trials, strategy);
    return {
      strategy,
      trials: measured.filter(countsAsMeasurement).map((t) => ({ trial: t.trial, wallMs: t.wallMs })),
      medianMs: medianOf(run, strategy),
      ended: measured.filter(ended).length,
    };
  });
}

/** The server's median wall time, when the strategy has one (n is 0 without a successful trial). */
function medianOf(run: TimelineRun, strategy: StrategyName): number | undefined {
  const wall = run.summary?.strategies.find((s) => s.strategy === strategy)?.wallMs;
  return wall && wall.n !== 0 ? wall.median : undefined;
}

export interface Dot {
  x: number;
  /** 0 for the first dot of its bin, 1 for the next one stacked above it, … */
  stack: number;
  value: number;
}

/**
 * A dot plot of wall times: values are binned by `binPx` pixels on the scale, and dots in one bin
 * stack up, so the shape of the distribution shows without a smoothing model.
 */
export function dotPlot(values: readonly number[], scale: TimeScale, binPx: number): Dot[] {
  const [r0, r1] = scale.range() as [number, number];
  const thresholds = Math.max(1, Math.round((r1 - r0) / Math.max(binPx, 1)));
  const [d0, d1] = scale.domain() as [number, number];
  const step = (d1 - d0) / thresholds;
  const bins = bin<number, number>()
    .domain([d0, d1])
    .thresholds(Array.from({ length: thresholds - 1 }, (_, i) => d0 + step * (i + 1)))(
    values.filter((v) => v >= d0 && v <= d1),
  );
  const dots: Dot[] = [];
  for (const b of bins) {
    const centre = scale(((b.x0 ?? d0) + (b.x1 ?? d1)) / 2);
    const sorted = [...b].sort((a, c) => a - c);
    sorted.forEach((value, stack) => {
      dots.push({ x: centre, stack, value });
    });
  }
  return dots;
}
