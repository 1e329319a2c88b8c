import type { Distribution, Interval } from '@gatherscope/shared';
import { seededRandom } from './random';

/** Percentile by linear interpolation between closest ranks (R type 7); `sorted` ascending. */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

const ascending = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

export const median = (xs: readonly number[]): number => percentileSorted(ascending(xs), 0.5);

/** n, mean, median, p95, p99, min, max; all zero for no values. */
export function distribution(xs: readonly number[]): Distribution {
  if (xs.length === 0) return { n: 0, mean: 0, median: 0, p95: 0, p99: 0, min: 0, max: 0 };
  const s = ascending(xs);
  return {
    n: s.length,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    median: percentileSorted(s, 0.5),
    p95: percentileSorted(s, 0.95),
    p99: percentileSorted(s, 0.99),
    min: s[0]!,
    max: s[s.length - 1]!,
  };
}

/**
 * Speedup of `candidate` over `baseline` (ratio of medians) with a 95% percentile bootstrap
 * interval: both samples are resampled independently, `resamples` times, from a fixed seed.
 */
export function bootstrapSpeedup(
  baseline: readonly number[],
  candidate: readonly number[],
  opts: { resamples?: number; seed?: number } = {},
): Interval | null {
  if (baseline.length === 0 || candidate.length === 0) return null;
  const estimate = median(baseline) / median(candidate);
  const random = seededRandom(opts.seed ?? 0x5eed);
  const resamples = opts.resamples ?? 2000;
  const resampledMedian = (xs: readonly number[]) => {
    const r = new Array<number>(xs.length);
    for (let i = 0; i < xs.length; i++) r[i] = xs[Math.floor(random() * xs.length)]!;
    return median(r);
  };
  const ratios: number[] = [];
  for (let i = 0; i < resamples; i++) ratios.push(resampledMedian(baseline) / resampledMedian(candidate));
  const sorted = ascending(ratios);
  return { estimate, low: percentileSorted(sorted, 0.025), high: percentileSorted(sorted, 0.975) };
}
