import { seededRandom } from '../engine/random';

/** Small, dependency-free statistics for the presets that measure outside the profiling engine. */

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

/**
 * Speedup = median(baseline) / median(treatment), with a 95% percentile-bootstrap interval
 * (2,000 resamples of each side, 400 for large samples). With fewer than 3 samples on a side there is no interval.
 */
export function speedupWithCi(baseline: readonly number[], treatment: readonly number[]) {
  const estimate = median(baseline) / median(treatment);
  if (baseline.length < 3 || treatment.length < 3) return { estimate, low: null, high: null };
  const rand = seededRandom(baseline.length * 7919 + treatment.length);
  const resample = (xs: readonly number[]) => xs.map(() => xs[Math.floor(rand() * xs.length)]!);
  const ratios: number[] = [];
  // Load tests give thousands of samples: fewer resamples keep the interval under a second of CPU.
  const resamples = baseline.length + treatment.length > 2000 ? 400 : 2000;
  for (let i = 0; i < resamples; i++) ratios.push(median(resample(baseline)) / median(resample(treatment)));
  return { estimate, low: quantile(ratios, 0.025), high: quantile(ratios, 0.975) };
}
