import {
  formatPercent,
  formatSpeedup,
  type Interval,
  NOISY_DRIFT,
  type Stability,
  WIDE_INTERVAL,
} from '@gatherscope/shared';
import { median } from './stats';

/** A p95 this many times the median: a tail of slow trials (GC, a busy core, the browser drawing). */
export const NOISY_TAIL = 3;
/** One-minute load average per core above this: other work competed for the cores. */
export const BUSY_LOAD = 1;

export interface StabilityInput {
  /** Each strategy's counted trials' wall times, in the order they ran. */
  wallsInOrder: readonly (readonly number[])[];
  /** The headline speedup's interval (the verdict's), when there is one. */
  headline: Interval | null;
  /** os.loadavg()[0] / cores when the run ended; null when not measured. */
  loadPerCore: number | null;
}

/** Relative change of the median between the first and the second half of a series (0 for under 4 values). */
export function splitHalfDrift(xs: readonly number[]): number {
  if (xs.length < 4) return 0;
  const half = Math.floor(xs.length / 2);
  const a = median(xs.slice(0, half));
  const b = median(xs.slice(xs.length - half));
  const base = Math.min(a, b);
  return base > 0 ? Math.abs(a - b) / base : 0;
}

/**
 * How far the run's estimate can be trusted (pure): the interval's width, the tail, the drift
 * between halves and how busy the machine was; when any is past its line, the notes say which and
 * what to do, so a user does not act on a verdict the next run would not repeat.
 */
export function measureStability(input: StabilityInput): Stability {
  const { headline, loadPerCore } = input;
  const series = input.wallsInOrder.filter((xs) => xs.length > 0);
  const tailRatio = Math.max(
    1,
    ...series.map((xs) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const m = median(sorted);
      const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * (sorted.length - 1)))]!;
      return m > 0 ? p95 / m : 1;
    }),
  );
  const drift = Math.max(0, ...series.map(splitHalfDrift));
  const ciRelativeWidth =
    headline && headline.estimate > 0 ? (headline.high - headline.low) / headline.estimate : null;
  const reasons: string[] = [];
  if (tailRatio >= NOISY_TAIL) reasons.push(`the p95 is ${formatSpeedup(tailRatio)} the median`);
  if (drift >= NOISY_DRIFT)
    reasons.push(`the median moved ${formatPercent(drift)} between the first and second half of the trials`);
  if (ciRelativeWidth !== null && ciRelativeWidth >= WIDE_INTERVAL)
    reasons.push(`the 95% interval is ${formatPercent(ciRelativeWidth)} of the estimate wide`);
  if (loadPerCore !== null && loadPerCore >= BUSY_LOAD)
    reasons.push(`the machine was busy (load ${loadPerCore.toFixed(1)} per core)`);
  const notes =
    reasons.length === 0
      ? []
      : [
          `Noisy trials: ${reasons.join('; ')}.`,
          'To steady it: run more trials, detach the live view (or close other busy tabs), or run from the CLI (gatherscope run) on an idle machine.',
        ];
  return { ciRelativeWidth, tailRatio, drift, loadPerCore, noisy: reasons.length > 0, notes };
}
