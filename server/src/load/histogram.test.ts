import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './histogram';

describe('LatencyHistogram', () => {
  it('gives percentiles within 0.1% of the exact values', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 10_000; i++) h.record(i / 10); // 0.1 ms … 1000 ms, uniform
    const s = h.summary();
    expect(s.count).toBe(10_000);
    expect(s.p50).toBeCloseTo(500, -1);
    expect(Math.abs(s.p95 - 950) / 950).toBeLessThan(0.001);
    expect(Math.abs(s.p99 - 990) / 990).toBeLessThan(0.001);
    expect(Math.abs(s.max - 1000) / 1000).toBeLessThan(0.001);
    expect(Math.abs(s.mean - 500.05) / 500).toBeLessThan(0.001);
  });

  it('keeps the same memory however many samples it records', () => {
    const h = new LatencyHistogram();
    h.record(1);
    const before = h.footprintBytes;
    for (let i = 0; i < 200_000; i++) h.record((i % 5000) + 0.5);
    expect(h.footprintBytes).toBe(before);
  });

  it('sees one slow outlier in the tail, not in the median', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 999; i++) h.record(2);
    h.record(5000);
    expect(h.percentile(50)).toBeCloseTo(2, 1);
    expect(h.percentile(99)).toBeCloseTo(2, 1);
    expect(h.summary().max).toBeGreaterThan(4990);
  });

  it('merges per-second histograms into the whole and resets', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.record(10);
    b.record(20);
    b.record(30);
    a.add(b);
    expect(a.count).toBe(3);
    b.reset();
    expect(b.count).toBe(0);
    expect(b.summary().p95).toBe(0);
    expect(b.spectrum()).toEqual([]);
  });

  it('draws a monotonic percentile spectrum from min to max', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i);
    const s = h.spectrum();
    expect(s[0]).toEqual({ percentile: 0, ms: 1 });
    expect(s.at(-1)?.percentile).toBe(100);
    for (let i = 1; i < s.length; i++) expect(s[i]!.ms).toBeGreaterThanOrEqual(s[i - 1]!.ms);
  });
});

describe('histograms merged across generator threads', () => {
  it('give exactly the percentiles, mean and extremes of the union, never an average of percentiles', () => {
    // Three threads with very different latencies (a fast one, a slow one, a tail).
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const threads = [
      Array.from({ length: 5000 }, () => 0.2 + rand() * 3),
      Array.from({ length: 2000 }, () => 20 + rand() * 80),
      Array.from({ length: 300 }, () => 400 + rand() * 2000),
    ];
    const union = new LatencyHistogram();
    const merged = new LatencyHistogram();
    for (const values of threads) {
      const own = new LatencyHistogram();
      for (const v of values) {
        own.record(v);
        union.record(v);
      }
      // What crosses the thread boundary is a string and three numbers.
      merged.addEncoded(JSON.parse(JSON.stringify(own.encode())));
    }
    merged.addEncoded(new LatencyHistogram().encode()); // an idle thread changes nothing
    expect(merged.summary()).toEqual(union.summary());
    expect(merged.spectrum()).toEqual(union.spectrum());
    for (const p of [1, 25, 50, 75, 90, 95, 99, 99.9]) expect(merged.percentile(p)).toBe(union.percentile(p));
    // Averaging the threads' p99 would be far off the union's.
    const meanOfP99 =
      threads
        .map((values) => {
          const h = new LatencyHistogram();
          for (const v of values) h.record(v);
          return h.percentile(99);
        })
        .reduce((a, b) => a + b, 0) / threads.length;
    expect(Math.abs(meanOfP99 - union.percentile(99))).toBeGreaterThan(100);
  });
});
