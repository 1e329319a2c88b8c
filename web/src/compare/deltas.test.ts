import type { RunSummary, StrategyStats } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { formatRatio, queryDeltas, strategyDeltas } from './deltas';

function stats(
  strategy: StrategyStats['strategy'],
  median: number,
  perQuery: [string, number][],
): StrategyStats {
  return {
    strategy,
    wallMs: { n: 5, mean: median, median, p95: median, p99: median, min: median, max: median },
    speedup: strategy === 'sequential' ? null : { estimate: 2, low: 1.8, high: 2.2 },
    theoreticalMs: median,
    efficiency: 1,
    perQuery: perQuery.map(([queryId, medianMs]) => ({
      queryId,
      medianMs,
      medianExecutingMs: medianMs,
      medianWaitingMs: 0,
      errors: 0,
    })),
    failedTrials: 0,
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
    expect(d[0]).toMatchObject({ a: 300, b: 240, diff: -60, ratio: -0.2 });
    expect(d[1]).toMatchObject({ a: 100, b: undefined, diff: undefined });
    expect(d[1]?.speedupA).toBe(2);
  });

  it('compares each query under each strategy', () => {
    const d = queryDeltas(a, b).filter((x) => x.strategy === 'sequential');
    expect(d).toEqual([
      expect.objectContaining({ queryId: 'user', a: 50, b: 40, diff: -10 }),
      expect.objectContaining({ queryId: 'orders', diff: 0, ratio: 0 }),
    ]);
  });

  it('formats relative changes with a sign', () => {
    expect(formatRatio(0.12)).toBe('+12.0%');
    expect(formatRatio(-0.085)).toBe('−8.5%');
    expect(formatRatio(0)).toBe('±0%');
    expect(formatRatio(undefined)).toBe('–');
  });
});
