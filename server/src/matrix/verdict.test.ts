import { describe, expect, it } from 'vitest';
import { speedupWithCi } from './stats';
import { decide } from './verdict';

const base = {
  computeShare: 0.05,
  baselineLabel: 'sequential',
  treatmentLabel: 'concurrent',
  baselineMs: 300,
  treatmentMs: 100,
} as const;

describe('verdict from a measurement', () => {
  it('says concurrent when the whole interval is above 1.15×, and flags a contradiction', () => {
    const d = decide({ ...base, speedup: { estimate: 3, low: 2.8, high: 3.1 }, usual: 'sequential' });
    expect(d.verdict).toBe('concurrent');
    expect(d.contradicts).toBe(true);
    expect(d.reason).toContain('concurrent 100 ms vs sequential 300 ms: 3.00×');
    expect(d.reason).toContain('5% of the time was computing');
  });

  it('says sequential when the interval is below 1.15×, either when it straddles it', () => {
    expect(
      decide({ ...base, speedup: { estimate: 1.01, low: 0.97, high: 1.05 }, usual: 'sequential' }),
    ).toMatchObject({ verdict: 'sequential', contradicts: false });
    expect(
      decide({ ...base, speedup: { estimate: 1.2, low: 1.05, high: 1.3 }, usual: 'concurrent' }),
    ).toMatchObject({
      verdict: 'either',
      contradicts: false,
    });
  });

  it('says sequential when the gain is under a millisecond, whatever the ratio', () => {
    const d = decide({
      ...base,
      baselineMs: 0.55,
      treatmentMs: 0.36,
      speedup: { estimate: 1.53, low: 1.2, high: 1.9 },
      usual: 'sequential',
    });
    expect(d.verdict).toBe('sequential');
    expect(d.reason).toContain('under 1 ms');
    const slower = decide({
      ...base,
      treatmentMs: 320,
      speedup: { estimate: 0.94, low: 0.9, high: 0.98 },
      usual: 'concurrent',
    });
    expect(slower.verdict).toBe('sequential');
    expect(slower.reason).toContain('Concurrent is not faster here');
  });

  it('says why when the work mostly computes', () => {
    const d = decide({
      ...base,
      computeShare: 0.9,
      speedup: { estimate: 1.9, low: 1.8, high: 2 },
      usual: 'sequential',
    });
    expect(d.reason).toContain('several cores at once');
  });

  it('uses a wider margin without an interval', () => {
    expect(
      decide({ ...base, speedup: { estimate: 1.2, low: null, high: null }, usual: 'concurrent' }).verdict,
    ).toBe('either');
    expect(
      decide({ ...base, speedup: { estimate: 9.5, low: null, high: null }, usual: 'concurrent' }).verdict,
    ).toBe('concurrent');
  });
});

describe('bootstrap speedup', () => {
  it('brackets the true ratio of two clearly different samples', () => {
    const seq = [300, 305, 298, 310, 302, 299, 301, 304];
    const conc = [100, 102, 99, 101, 103, 100, 98, 101];
    const s = speedupWithCi(seq, conc);
    expect(s.estimate).toBeCloseTo(301.5 / 100.5, 5);
    expect(s.low!).toBeGreaterThan(2.8);
    expect(s.high!).toBeLessThan(3.2);
    expect(s.low!).toBeLessThanOrEqual(s.estimate);
    expect(s.high!).toBeGreaterThanOrEqual(s.estimate);
  });

  it('gives no interval for fewer than three samples', () => {
    expect(speedupWithCi([10], [5])).toEqual({ estimate: 2, low: null, high: null });
  });
});
