import { type LoadResult, type LoadSecond, LoadSettingsSchema, type StrategyName } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { throughputText } from './call-text';
import { loadStrategyDeltas, shareCall, throughputCall } from './load-deltas';
import { overlayLines } from './load-overlay';

/** One strategy's seconds: requests per second, and p50/p95/p99 of each second. */
function seconds(
  strategy: StrategyName,
  requests: number[],
  latency: [number, number, number][],
  errors: number[] = [],
): LoadSecond[] {
  return requests.map((r, i) => ({
    strategy,
    t: i + 1,
    requests: r,
    errors: (errors[i] ? { '57014': errors[i] } : {}) as Record<string, number>,
    dropped: 0,
    p50: latency[i % latency.length]![0],
    p95: latency[i % latency.length]![1],
    p99: latency[i % latency.length]![2],
    lagP95: 0,
    dbConnections: 4,
    dbActive: 2,
    poolBusy: 2,
    cpuPercent: 50,
    rssMb: 100,
    generatorBusy: 0.3,
    generatorLoopDelayMs: 1,
    generatorSaturated: false,
  }));
}

function result(
  strategy: StrategyName,
  throughput: number,
  p: [number, number, number],
  errors = 0,
): LoadResult {
  return {
    strategy,
    poolSize: 4,
    durationS: 5,
    requests: Math.round(throughput * 5) + errors,
    throughput,
    latencyMs: { mean: p[0], p50: p[0], p90: p[1], p95: p[1], p99: p[2], max: p[2] },
    errors,
    errorsBySqlstate: {},
    cancelledByStop: 0,
    dropped: 0,
    distribution: [],
    pool: { utilisation: 0.5, maxHeldPerRequest: 1, connectionMsPerRequest: 1, waitMsPerAcquire: 0 },
    limit: null,
  };
}

const test = (strategies: StrategyName[], series: LoadSecond[], results: LoadResult[]) => ({
  settings: LoadSettingsSchema.parse({ strategies, model: { kind: 'closed', vus: 4 } }),
  series,
  results,
});

describe('load test comparison', () => {
  const steady: [number, number, number][] = [
    [10, 20, 30],
    [10.2, 20.5, 31],
    [9.9, 19.8, 29],
  ];
  const slower: [number, number, number][] = [
    [20, 40, 60],
    [20.4, 41, 62],
    [19.8, 39.5, 58],
  ];
  const a = test(
    ['sequential', 'concurrent'],
    [
      ...seconds('sequential', [400, 405, 398, 402, 401], steady),
      ...seconds('concurrent', [800, 790, 810, 805, 795], steady),
    ],
    [result('sequential', 401, [10, 20, 30]), result('concurrent', 800, [10, 20, 30])],
  );
  const b = test(
    ['sequential', 'pipelined'],
    [
      ...seconds('sequential', [200, 198, 203, 201, 199], slower, [0, 0, 1, 0, 0]),
      ...seconds('pipelined', [900, 905], steady),
    ],
    [result('sequential', 200, [20, 40, 60], 1), result('pipelined', 900, [10, 20, 30])],
  );

  it('sets each strategy of either test side by side, A first, with the seconds its calls rest on', () => {
    const d = loadStrategyDeltas(a, b);
    expect(d.map((x) => x.strategy)).toEqual(['sequential', 'concurrent', 'pipelined']);
    expect(d[0]?.seconds).toEqual({ a: 5, b: 5 });
    expect(d[1]).toMatchObject({ throughput: { a: 800, b: undefined, diff: undefined, call: undefined } });
  });

  it('calls a clear drop in throughput and a doubled latency meaningful, in the right direction', () => {
    const [seq] = loadStrategyDeltas(a, b);
    expect(seq?.throughput).toMatchObject({ a: 401, b: 200, diff: -201 });
    expect(seq?.throughput.call?.verdict).toBe('lower');
    expect(seq?.throughput.call?.ratio.high).toBeLessThan(1);
    expect(seq?.p95).toMatchObject({ a: 20, b: 40, diff: 20, ratio: 1 });
    expect(seq?.p95.call?.verdictClass).toBe('slower');
    // The saving is stated from the tests' own percentiles, not the median of the seconds'.
    expect(seq?.p95.call?.savingMs).toBe(-20);
    expect(seq?.errors).toMatchObject({ a: 0, b: 1, call: 'within-noise' });
  });

  it('calls the same test against itself within the noise, and says so in words', () => {
    const [seq] = loadStrategyDeltas(a, a);
    expect(seq?.throughput.call?.verdict).toBe('not-significant');
    expect(throughputText(seq?.throughput.call)).toMatch(/^no: within the seconds' variation \(95% CI/);
    expect(seq?.p50.call?.verdictClass).toBe('no-practical-difference');
    expect(seq?.errors.call).toBe('none');
  });

  it('makes no call from fewer than three full seconds a side: never more certain than the data', () => {
    const short = test(['pipelined'], seconds('pipelined', [890, 910], steady), [
      result('pipelined', 900, [10, 20, 30]),
    ]);
    const [p] = loadStrategyDeltas(short, b);
    expect(p?.throughput).toMatchObject({ a: 900, b: 900, diff: 0, call: undefined });
    expect(p?.p95.call).toBeUndefined();
    expect(throughputText(undefined)).toMatch(/too few full seconds/);
  });

  it('reads a throughput change from the spread of the seconds, not from the totals alone', () => {
    expect(throughputCall([100, 101, 99, 100], [120, 121, 119, 120])?.verdict).toBe('higher');
    // Same medians' ratio, but seconds that swing from 60 to 180: inside the noise.
    expect(throughputCall([100, 60, 140, 180, 70], [120, 65, 175, 90, 150])?.verdict).toBe('not-significant');
    expect(throughputCall([100, 100], [120, 120, 120])).toBeUndefined();
  });

  it('says errors differ only when every second of one lies beyond every second of the other', () => {
    expect(shareCall([0, 0, 0], [0, 0, 0])).toBe('none');
    expect(shareCall([0, 0.01, 0], [0.2, 0.3, 0.25])).toBe('higher');
    expect(shareCall([0.2, 0.3, 0.25], [0, 0.01, 0])).toBe('lower');
    expect(shareCall([0, 0.2, 0], [0.1, 0.3, 0.1])).toBe('within-noise');
    expect(shareCall([0.1], [0.5, 0.6, 0.7])).toBe('too-few-seconds');
  });

  it('overlays both tests per strategy, A solid and B dashed, in the strategy colour', () => {
    const lines = overlayLines(a, b, (s) => s.requests);
    expect(lines.map((l) => [l.key, l.label, l.dash])).toEqual([
      ['sequential-A', 'Sequential · A', undefined],
      ['sequential-B', 'Sequential · B', '6 3'],
      ['concurrent-A', 'Concurrent · A', undefined],
      ['pipelined-B', 'Pipelined · B', '6 3'],
    ]);
    expect(lines[0]?.color).toBe(lines[1]?.color);
    expect(lines[1]?.points.map((p) => p.y)).toEqual([200, 198, 203, 201, 199]);
  });
});
