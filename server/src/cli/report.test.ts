import { RunSettingsSchema, type StrategyStats } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { buildReport } from './report';

const stats = (strategy: StrategyStats['strategy'], median: number, theory: Partial<StrategyStats>) => ({
  strategy,
  wallMs: { n: 20, mean: median, median, p95: median, p99: median, min: median, max: median },
  speedup: null,
  efficiency: 1,
  perQuery: [],
  failedTrials: 0,
  theoreticalMs: median,
  ...theory,
});

describe('buildReport', () => {
  it("carries the verdict's theory speedup beside each strategy's own theoretical time", () => {
    const report = buildReport({
      workload: { name: 'w', queries: [{ id: 'a', sql: 'SELECT 1' }] },
      database: { label: 'demo', embedded: true },
      settings: RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'] }),
      assertions: [],
      result: {
        status: 'completed',
        trials: [],
        error: null,
        summary: {
          strategies: [
            stats('sequential', 14.5, { theoreticalMs: 14.5, theoreticalSpeedup: 1 }),
            // Recorded before the theory speedup was kept: null, not a guess.
            stats('concurrent', 8.4, { theoreticalMs: 8.05 }),
          ],
          theory: { sumMs: 29, maxMs: 8, criticalPathMs: 8, boundedMs: 8, boundedK: 2 },
          verdict: 'v',
        },
      },
    });
    expect(report.results.map((r) => [r.theoreticalSpeedup, r.theoreticalMs])).toEqual([
      [1, 14.5],
      [null, 8.05],
    ]);
  });
});
