import { RunSettingsSchema, type RunSummary, type SpanError, type StrategyStats } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { span, trial } from '../timeline/fixtures';
import type { TimelineRun } from '../timeline/types';
import { failedQueries } from './failed-queries';

const workload = {
  name: 'w',
  queries: [
    { id: 'profile', sql: 'SELECT 1' },
    { id: 'orders', sql: 'SELECT * FROM no_such_table' },
  ],
};
const settings = RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'], warmup: 1 });
const missing: SpanError = {
  kind: 'query',
  message: 'relation "no_such_table" does not exist',
  sqlstate: '42P01',
};

const failing = (strategy: 'sequential' | 'concurrent', n: number, error: SpanError = missing) =>
  trial(strategy, n, 5, {
    failed: true,
    spans: [
      span({ strategy, trial: n, queryId: 'profile', start: 0, end: 2 }),
      span({ strategy, trial: n, queryId: 'orders', start: 0, end: 3, error }),
    ],
  });

const base: TimelineRun = { workload, settings, summary: null, trials: [] };

describe('failedQueries', () => {
  it('lists an error that every strategy met once, counted per strategy, warm-ups left out', () => {
    const run = {
      ...base,
      trials: [
        failing('sequential', -1),
        failing('sequential', 0),
        failing('sequential', 1),
        failing('concurrent', 0),
      ],
    };
    expect(failedQueries(run)).toEqual([
      {
        queryId: 'orders',
        kind: 'query',
        sqlstate: '42P01',
        message: missing.message,
        count: 3,
        byStrategy: [
          { strategy: 'sequential', count: 2 },
          { strategy: 'concurrent', count: 1 },
        ],
      },
    ]);
  });

  it("leaves out a stop's cancellations and keeps distinct messages of one query apart", () => {
    const cancelled = { kind: 'cancelled' as const, message: 'canceling statement due to user request' };
    const timeout = { kind: 'timeout' as const, message: 'canceling statement due to statement timeout' };
    const run = {
      ...base,
      trials: [
        failing('sequential', 0, cancelled),
        failing('concurrent', 0),
        failing('concurrent', 1, timeout),
      ],
    };
    expect(failedQueries(run).map((f) => [f.kind, f.byStrategy.map((s) => s.strategy)])).toEqual([
      ['query', ['concurrent']],
      ['timeout', ['concurrent']],
    ]);
  });

  it("takes the server's counts once the summary has them, in the workload's query order", () => {
    const stats = (strategy: 'sequential' | 'concurrent', errors: StrategyStats['errors']) =>
      ({ strategy, errors }) as StrategyStats;
    const summary = {
      strategies: [
        stats('sequential', [
          { ...missing, queryId: 'orders', count: 4 },
          { queryId: 'profile', kind: 'timeout', message: 'statement timeout', count: 1 },
        ]),
        stats('concurrent', [{ ...missing, queryId: 'orders', count: 4 }]),
      ],
    } as RunSummary;
    // The spans say otherwise on purpose: the list must come from the summary.
    const run = { ...base, summary, trials: [failing('sequential', 0)] };
    expect(failedQueries(run).map((f) => [f.queryId, f.count, f.byStrategy.length])).toEqual([
      ['profile', 1, 1],
      ['orders', 8, 2],
    ]);
  });

  it('is empty for a run without errors', () => {
    expect(failedQueries({ ...base, trials: [trial('sequential', 0, 10)] })).toEqual([]);
  });
});
