import type { Distribution } from '@gatherscope/shared';
import { percentileSorted } from '@gatherscope/shared';

// The bootstrap and percentiles live in shared/ (bootstrap.ts) so Compare in the web app computes the
// same intervals; the engine keeps importing them from here.
export { bootstrapSpeedup, median, percentileSorted } from '@gatherscope/shared';

const ascending = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

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
