import { bootstrapSpeedup, median } from '../../engine/stats';

/**
 * Speedup = median(baseline) / median(treatment), with the engine's 95% percentile-bootstrap
 * interval. With fewer than 3 samples on a side there is no interval.
 */
export function speedupWithCi(baseline: readonly number[], treatment: readonly number[]) {
  const estimate = median(baseline) / median(treatment);
  if (baseline.length < 3 || treatment.length < 3) return { estimate, low: null, high: null };
  // Load tests give thousands of samples: fewer resamples keep the interval under a second of CPU.
  const resamples = baseline.length + treatment.length > 2000 ? 400 : 2000;
  const ci = bootstrapSpeedup(baseline, treatment, {
    resamples,
    seed: baseline.length * 7919 + treatment.length,
  });
  return { estimate, low: ci?.low ?? null, high: ci?.high ?? null };
}
