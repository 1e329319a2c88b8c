/**
 * The statistics every verdict's interval comes from, shared so the server (runs, matrix, load
 * tests) and the web app (Compare) compute the same numbers from the same samples.
 */

/** mulberry32: a small seeded PRNG, so that bootstrap intervals are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

/**
 * Speedup of `candidate` over `baseline` (ratio of medians) with a 95% percentile bootstrap
 * interval: both samples are resampled independently, `resamples` times, from a fixed seed.
 */
export function bootstrapSpeedup(
  baseline: readonly number[],
  candidate: readonly number[],
  opts: { resamples?: number; seed?: number } = {},
): { estimate: number; low: number; high: number } | null {
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
