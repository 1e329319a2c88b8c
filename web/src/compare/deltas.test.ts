import type { RunSummary, StrategyStats } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { hasFailures, judgeDelta, queryDeltas, strategyDeltas } from './deltas';

function stats(
  strategy: StrategyStats['strategy'],
  median: number,
  perQuery: [string, number, number?][],
  failedTrials = 0,
): StrategyStats {
  const n = median > 0 ? 5 : 0;
  return {
    strategy,
    wallMs: { n, mean: median, median, p95: median, p99: median, min: median, max: median },
    speedup: strategy === 'sequential' ? null : { estimate: 2, low: 1.8, high: 2.2 },
    theoreticalMs: median,
    efficiency: 1,
    perQuery: perQuery.map(([queryId, medianMs, errors = 0]) => ({
      queryId,
      medianMs,
      medianExecutingMs: medianMs,
      medianWaitingMs: 0,
      errors,
    })),
    failedTrials,
  };
}

const run = (strategies: StrategyStats[]) => ({
  settings: { strategies: strategies.map((s) => s.strategy) } as never,
  summary: {
    strategies,
    theory: { sumMs: 0, maxMs: 0, criticalPathMs: 0, boundedMs: 0, boundedK: 2 },
    verdict: '',
  } satisfies RunSummary,
});

describe('run comparison', () => {
  const a = run([
    stats('sequential', 300, [
      ['user', 50],
      ['orders', 100],
    ]),
    stats('concurrent', 100, [['user', 50]]),
  ]);
  const b = run([
    stats('sequential', 240, [
      ['user', 40],
      ['orders', 100],
    ]),
    stats('bounded', 150, []),
  ]);

  it('compares median wall time per strategy, with strategies of either run', () => {
    const d = strategyDeltas(a, b);
    expect(d.map((x) => x.strategy)).toEqual(['sequential', 'concurrent', 'bounded']);
    expect(d[0]).toMatchObject({ a: { ms: 300 }, b: { ms: 240 }, diff: -60, ratio: -0.2 });
    expect(d[1]).toMatchObject({ a: { ms: 100 }, b: { ms: undefined, broken: false }, diff: undefined });
    expect(d[1]?.speedupA).toBe(2);
  });

  it('compares each query under each strategy', () => {
    const d = queryDeltas(a, b).filter((x) => x.strategy === 'sequential');
    expect(d).toEqual([
      expect.objectContaining({ queryId: 'user', a: expect.objectContaining({ ms: 50 }), diff: -10 }),
      expect.objectContaining({ queryId: 'orders', diff: 0, ratio: 0 }),
    ]);
  });

  it('shows a query that always failed as failed, never as a time or an improvement', () => {
    const ok = run([stats('concurrent', 100, [['bad', 40]])]);
    const failed = run([stats('concurrent', 0, [['bad', 0, 5]], 5)]);
    const [q] = queryDeltas(ok, failed);
    expect(q).toMatchObject({ a: { ms: 40, broken: false }, b: { ms: undefined, failed: 5, broken: true } });
    expect(q?.diff).toBeUndefined();
    expect(q?.ratio).toBeUndefined();
    const [s] = strategyDeltas(ok, failed);
    expect(s).toMatchObject({ b: { broken: true, failed: 5 }, ratio: undefined });
    expect(hasFailures(s!)).toBe(true);
  });

  it('gives a query that never succeeded but never failed itself no median, not "failed (0)"', () => {
    const withSamples = run([stats('concurrent', 100, [['q', 0, 0]])]);
    withSamples.summary.strategies[0]!.perQuery[0]!.samples = 0;
    const [q] = queryDeltas(withSamples, withSamples);
    expect(q?.a).toEqual({ ms: undefined, failed: 0, broken: false, noMedian: true });
    expect(q?.diff).toBeUndefined();
  });

  it('takes a query without successful samples and with errors of its own as failed', () => {
    const withSamples = run([stats('concurrent', 100, [['q', 0, 3]])]);
    withSamples.summary.strategies[0]!.perQuery[0]!.samples = 0;
    expect(queryDeltas(withSamples, withSamples)[0]?.a).toMatchObject({ broken: true, noMedian: false });
  });

  it('warns on a strategy delta whose side has failed trials but still compares its time', () => {
    const partly = run([stats('concurrent', 90, [['q', 30, 2]], 2)]);
    const [s] = strategyDeltas(run([stats('concurrent', 100, [['q', 30]])]), partly);
    expect(s).toMatchObject({ diff: -10, b: { failed: 2, broken: false } });
    expect(hasFailures(s!)).toBe(true);
    expect(hasFailures(strategyDeltas(a, a)[0]!)).toBe(false);
  });
});

describe('significance of a delta', () => {
  it('says a clear, large difference is significant and a noisy or tiny one is not', () => {
    const a = [30, 31, 29, 30.5, 30.2, 29.8, 30.1, 30.4];
    expect(judgeDelta(a, [20, 20.5, 19.8, 20.1, 20.3, 19.9, 20.2, 20])?.verdictClass).toBe('faster');
    expect(judgeDelta(a, [10, 50, 12, 45, 25, 33, 15, 40])?.verdictClass).toBe('no-practical-difference');
    expect(judgeDelta(a, [29, 31.5, 27.6, 30.2, 28.1, 31.8, 27.4, 29.1])?.verdictClass).toBe(
      'not-significant',
    );
    expect(judgeDelta([1.6, 1.65, 1.7, 1.62], [0.9, 0.92, 0.88, 0.91])?.verdictClass).toBe(
      'no-practical-difference',
    );
    expect(judgeDelta([1, 2], [1, 2])).toBeUndefined();
  });
});
