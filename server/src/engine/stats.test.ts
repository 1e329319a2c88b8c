import { describe, expect, it } from 'vitest';
import { bootstrapSpeedup, distribution, median, percentileSorted } from './stats';

describe('stats', () => {
  it('interpolates percentiles between ranks', () => {
    expect(percentileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    // (5 - 1) * 0.95 = 3.8 → 40 + 0.8 * (50 - 40)
    expect(percentileSorted([10, 20, 30, 40, 50], 0.95)).toBeCloseTo(48);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('describes a distribution', () => {
    const d = distribution([4, 1, 3, 2]);
    expect(d).toMatchObject({ n: 4, mean: 2.5, median: 2.5, min: 1, max: 4 });
    // (4 - 1) * 0.95 = 2.85 → 3 + 0.85 * (4 - 3)
    expect(d.p95).toBeCloseTo(3.85, 9);
    expect(d.p99).toBeCloseTo(3.97, 9);
    expect(distribution([]).n).toBe(0);
  });

  it('gives a speedup with an interval that brackets it and excludes 1 for a clear difference', () => {
    const seq = [300, 305, 298, 310, 302, 299, 301, 303];
    const conc = [100, 102, 99, 101, 104, 98, 100, 103];
    const s = bootstrapSpeedup(seq, conc)!;
    // medians: (301 + 302) / 2 = 301.5 and (100 + 101) / 2 = 100.5
    expect(s.estimate).toBeCloseTo(3, 9);
    expect(s.low).toBeLessThanOrEqual(s.estimate);
    expect(s.high).toBeGreaterThanOrEqual(s.estimate);
    expect(s.low).toBeGreaterThan(2.8);
    expect(s.high).toBeLessThan(3.2);
  });

  it('is deterministic and straddles 1 when the samples are alike', () => {
    const a = [10, 12, 11, 13, 9, 10, 12];
    const b = [11, 10, 12, 9, 13, 11, 10];
    expect(bootstrapSpeedup(a, b)).toEqual(bootstrapSpeedup(a, b));
    const s = bootstrapSpeedup(a, b)!;
    expect(s.low).toBeLessThan(1);
    expect(s.high).toBeGreaterThan(1);
    expect(bootstrapSpeedup([], b)).toBeNull();
  });
});
