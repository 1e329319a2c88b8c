import type { LoadResult, LoadSecond, StrategyName } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { loadVerdict, p95Comparison } from './load-verdict';

const result = (strategy: StrategyName, throughput: number, p50: number, p95: number) =>
  ({
    strategy,
    requests: throughput * 10,
    throughput,
    latencyMs: { mean: p50, p50, p90: p95, p95, p99: p95, max: p95 },
  }) as LoadResult;
const seconds = (strategy: StrategyName, perSecond: number[]) =>
  perSecond.map((requests, i) => ({ strategy, t: i + 1, requests }) as LoadSecond);

describe('load test verdict', () => {
  it('states the throughput ratio with its interval and the latency saved per request and per second', () => {
    const v = loadVerdict(
      [result('sequential', 100, 40, 60), result('concurrent', 300, 12, 20)],
      [
        ...seconds('sequential', [98, 101, 100, 99, 102]),
        ...seconds('concurrent', [298, 301, 305, 299, 300]),
      ],
    );
    expect(v).toMatch(
      /^Concurrent served 3\.00× the throughput of Sequential \(95% CI [\d.–×]+, statistically significant\)/,
    );
    expect(v).toContain('and a 67% lower p95');
    expect(v).toContain(
      'at the median it saves 28.0 ms per request (at 300 requests/s, 8400 ms less waiting per second)',
    );
  });

  it('says when the difference is within the noise or too small to matter, and never "a 1.0× lower p95"', () => {
    const v = loadVerdict(
      [result('sequential', 1000, 0.9, 1.5), result('concurrent', 1010, 0.85, 1.52)],
      [...seconds('sequential', [900, 1100, 1000, 950]), ...seconds('concurrent', [1050, 920, 1080, 990])],
    );
    expect(v).toMatch(/^No practical difference in latency: .*within the noise/);
    expect(v).toContain('about the same p95');
    expect(v).not.toContain('1.0× lower');
  });
});

describe('the p95 part of a load verdict', () => {
  it('says percentages, and about the same when they are close', () => {
    expect(p95Comparison(10, 15)).toBe('and a 33% lower p95');
    expect(p95Comparison(20, 10)).toBe('but a 100% higher p95');
    expect(p95Comparison(10.2, 10)).toBe('with about the same p95');
    expect(p95Comparison(0, 10)).toBe('with p95 latencies that cannot be compared');
  });
});
