import type { Arm } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { speedupWithCi } from './arm-speedup';
import { decide, type VerdictInput } from './rules';

const armOf = (label: string, medianMs: number, extra: Partial<Arm> = {}): Arm => ({
  label,
  samples: 20,
  medianMs,
  p95Ms: medianMs * 1.1,
  throughputPerSec: null,
  ...extra,
});

const base: Omit<VerdictInput, 'speedup' | 'usual'> = {
  basis: 'latency',
  computeShare: 0.05,
  baseline: armOf('sequential', 300),
  treatment: armOf('concurrent', 100),
};

describe('verdict on latency', () => {
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
    ).toMatchObject({ verdict: 'either', contradicts: false });
  });

  it('says sequential when the gain is under a millisecond, whatever the ratio', () => {
    const d = decide({
      ...base,
      baseline: armOf('sequential', 0.55),
      treatment: armOf('concurrent', 0.36),
      speedup: { estimate: 1.53, low: 1.2, high: 1.9 },
      usual: 'sequential',
    });
    expect(d.verdict).toBe('sequential');
    expect(d.reason).toContain('under 1 ms');
    const slower = decide({
      ...base,
      treatment: armOf('concurrent', 320),
      speedup: { estimate: 0.94, low: 0.9, high: 0.98 },
      usual: 'concurrent',
    });
    expect(slower.verdict).toBe('sequential');
    expect(slower.reason).toContain('Concurrent is not faster here');
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

describe('verdict on throughput under load', () => {
  const load = (seq: [number, number, number[]], conc: [number, number, number[]]) => ({
    ...base,
    basis: 'throughput' as const,
    baseline: armOf('sequential', 20, {
      throughputPerSec: seq[0],
      p95Ms: seq[1],
      throughputRounds: seq[2],
    }),
    treatment: armOf('concurrent', 10, {
      throughputPerSec: conc[0],
      p95Ms: conc[1],
      throughputRounds: conc[2],
    }),
  });
  // A latency speedup that, alone, would say concurrent: the throughput decides instead.
  const fast = { estimate: 2, low: 1.9, high: 2.1 };
  const judge = (seq: Parameters<typeof load>[0], conc: Parameters<typeof load>[1]) =>
    decide({ ...load(seq, conc), speedup: fast, usual: 'concurrent' });

  it('says concurrent when it serves ≥ 1.15× the requests in every round with a p95 no worse', () => {
    const d = judge([1000, 40, [990, 1010]], [1500, 30, [1480, 1520]]);
    expect(d).toMatchObject({ verdict: 'concurrent', contradicts: false });
    expect(d.reason).toContain(
      'concurrent served 1,500 req/s vs sequential 1,000 req/s: 1.50× the throughput',
    );
    expect(d.reason).toContain('p95 30.0 ms vs 40.0 ms');
    // The latency speedup is still stated, as supporting fact.
    expect(d.reason).toContain('2.00× (95% CI 1.90–2.10×)');
  });

  it('says sequential when concurrency serves no more requests, whatever the latency speedup: a contradiction', () => {
    const d = judge([1000, 40, [995, 1005]], [1020, 30, [1010, 1030]]);
    expect(d).toMatchObject({ verdict: 'sequential', contradicts: true });
    expect(d.reason).toContain('serves no more requests');
  });

  it('never claims a contradiction when the rounds overlap: a verdict is never more certain than its data', () => {
    // The case: 0.95× with overlapping rounds and a better p95 for concurrent.
    const d = decide({
      ...load([1000, 40, [900, 1100]], [950, 30, [920, 980]]),
      speedup: fast,
      usual: 'concurrent',
      bound: 'the pool: 8 virtual users share 10 connections.',
    });
    expect(d.verdict).toBe('sequential');
    expect(d.contradicts).toBe(false);
    expect(d.reason).toContain('The rounds overlap');
    expect(d.reason).toContain('does not contradict it');
    expect(d.reason).toContain('What bounded it: the pool');
  });

  it('says either for a gain whose tail is worse, or whose rounds disagree', () => {
    const worseTail = judge([1000, 40, [990, 1010]], [1500, 60, [1480, 1520]]);
    expect(worseTail).toMatchObject({ verdict: 'either', contradicts: false });
    expect(worseTail.reason).toContain('p95 is worse');
    const drift = judge([1000, 40, [700, 1300]], [1500, 30, [1200, 1800]]);
    expect(drift.verdict).toBe('either');
    expect(drift.reason).toContain('rounds disagree');
  });
});

describe('verdict on CPU-bound work: the compute share feeds it', () => {
  const cpu = { ...base, basis: 'compute' as const, speedup: { estimate: 1.9, low: 1.8, high: 2 } };

  it('mostly computing: a speedup from cores is "either", not a reason for concurrent code', () => {
    const d = decide({ ...cpu, computeShare: 0.9, usual: 'sequential' });
    expect(d).toMatchObject({ verdict: 'either', contradicts: false });
    expect(d.reason).toContain('90% of the time was computing');
    expect(d.reason).toContain('several cores computing at once');
    // Without a speedup it is plainly sequential.
    expect(
      decide({
        ...cpu,
        computeShare: 0.9,
        speedup: { estimate: 1, low: 0.95, high: 1.05 },
        usual: 'sequential',
      }),
    ).toMatchObject({ verdict: 'sequential', contradicts: false });
  });

  it('mostly waiting: judged like I/O, and the page says it contradicts the usual verdict', () => {
    const d = decide({ ...cpu, computeShare: 0.2, usual: 'sequential' });
    expect(d).toMatchObject({ verdict: 'concurrent', contradicts: true });
    expect(d.reason).toContain('waits more than it computes');
  });

  it('says when the share could not be measured and falls back on latency', () => {
    const d = decide({ ...cpu, computeShare: null, usual: 'sequential' });
    expect(d.verdict).toBe('concurrent');
    expect(d.reason).toContain('judged on latency alone');
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
