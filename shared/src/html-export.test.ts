import { describe, expect, it } from 'vitest';
import {
  HtmlExportSchema,
  medianTrialNumber,
  rankedTrials,
  spreadOrder,
  trimRunForHtml,
} from './html-export';
import type { RunRecord } from './run';
import { RunSettingsSchema } from './run';
import type { Span, Trial } from './span';
import type { StrategyName } from './strategy';

const spanOf = (strategy: StrategyName, trial: number, queryId: string, end: number): Span => ({
  strategy,
  trial,
  queryId,
  start: 0,
  end,
  phases: [{ phase: 'executing', start: 0, end }],
  pid: 1,
  rows: 1,
  bytes: 8,
});

const trialOf = (strategy: StrategyName, trial: number, wallMs: number, failed = false): Trial => ({
  strategy,
  trial,
  warmup: trial < 0,
  wallMs,
  failed,
  spans: ['a', 'b'].map((q) => spanOf(strategy, trial, q, wallMs)),
});

/** Wall times that make each strategy's ranking differ from its trial order. */
function runWith(trialsPerStrategy: number, warmup = 0): RunRecord {
  const strategies: StrategyName[] = ['sequential', 'concurrent'];
  const trials = strategies.flatMap((s, k) =>
    Array.from({ length: trialsPerStrategy + warmup }, (_, i) => {
      const n = i - warmup;
      return trialOf(s, n, 100 + k * 50 + ((n * 37) % trialsPerStrategy));
    }),
  );
  return {
    id: 'r1',
    kind: 'profile',
    createdAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    status: 'completed',
    settings: RunSettingsSchema.parse({ strategies, trials: trialsPerStrategy, warmup }),
    workload: {
      name: 'w',
      queries: [
        { id: 'a', sql: 'SELECT 1' },
        { id: 'b', sql: 'SELECT 2' },
      ],
    },
    target: { kind: 'default' },
    database: { name: 'demo', label: 'demo', serverVersion: '18', embedded: true },
    trials,
    summary: null,
    error: null,
  };
}

describe('spreadOrder', () => {
  it('starts at the lower middle and both ends, then halves the gaps', () => {
    expect(spreadOrder(0)).toEqual([]);
    expect(spreadOrder(1)).toEqual([0]);
    expect(spreadOrder(2)).toEqual([0, 1]);
    expect(spreadOrder(5)).toEqual([2, 0, 4, 1, 3]);
    expect(spreadOrder(9).slice(0, 5)).toEqual([4, 0, 8, 2, 6]);
  });

  it('lists every index exactly once', () => {
    for (const n of [3, 7, 20, 64, 100, 550]) {
      expect(spreadOrder(n).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
});

describe('rankedTrials', () => {
  const trials = [
    trialOf('concurrent', -1, 5),
    trialOf('concurrent', 0, 40),
    trialOf('concurrent', 1, 10),
    trialOf('concurrent', 2, 30, true),
    trialOf('concurrent', 3, 20),
    trialOf('concurrent', 4, 90),
  ];

  it('puts the median first, then the fastest and the slowest, failed trials and warm-ups last', () => {
    // ok trials by wall time: 1 (10), 3 (20), 0 (40), 4 (90); the lower middle is trial 3.
    expect(medianTrialNumber(trials, 'concurrent')).toBe(3);
    expect(rankedTrials(trials, 'concurrent')).toEqual([3, 1, 4, 0, 2, -1]);
  });

  it('counts failed trials for the median only when every trial failed', () => {
    const failed = trials.map((t) => ({ ...t, failed: true }));
    // All five by wall time: 1, 3, 2, 0, 4.
    expect(medianTrialNumber(failed, 'concurrent')).toBe(2);
    expect(medianTrialNumber([trialOf('concurrent', -1, 5)], 'concurrent')).toBeUndefined();
  });
});

describe('trimRunForHtml', () => {
  it('keeps every span of a run that fits', () => {
    const run = runWith(20, 2);
    const { run: kept, content } = trimRunForHtml(run);
    expect(kept.trials).toEqual(run.trials);
    expect(content.complete).toBe(true);
    expect(content.spanTrials).toEqual(Array.from({ length: 22 }, (_, i) => i - 2));
    expect(content.embeddedSpans).toBe(content.totalSpans);
    expect(content.totalSpans).toBe(2 * 22 * 2);
  });

  it('past the budget keeps whole trial numbers spread over the ranking, and every wall time', () => {
    const run = runWith(200, 5);
    const bytes = new Map<number, number>();
    for (const t of run.trials)
      bytes.set(t.trial, (bytes.get(t.trial) ?? 0) + JSON.stringify(t.spans).length);
    const budget = (bytes.get(0) ?? 0) * 12;
    const { run: kept, content } = trimRunForHtml(run, budget);
    expect(content.complete).toBe(false);
    const used = content.spanTrials.reduce((n, t) => n + (bytes.get(t) ?? 0), 0);
    expect(used).toBeLessThanOrEqual(budget);
    // Greedy to the end: no trial left out would still have fitted.
    for (const [n, b] of bytes) if (!content.spanTrials.includes(n)) expect(used + b).toBeGreaterThan(budget);
    expect(content.spanTrials.length).toBeGreaterThanOrEqual(10);
    expect(content.embeddedSpans).toBe(content.spanTrials.length * 2 * 2);
    expect(kept.trials.map((t) => t.wallMs)).toEqual(run.trials.map((t) => t.wallMs));
    for (const t of kept.trials) {
      expect(t.spans.length).toBe(content.spanTrials.includes(t.trial) ? 2 : 0);
    }
    for (const s of run.settings.strategies) {
      const ranked = rankedTrials(run.trials, s);
      // The median, the fastest and the slowest of each strategy are in.
      expect(content.spanTrials).toEqual(expect.arrayContaining(ranked.slice(0, 3)));
    }
    expect(content.spanTrials.every((n) => n >= 0)).toBe(true);
    expect(HtmlExportSchema.shape.content.parse(content)).toEqual(content);
  });

  it('keeps the medians even when they alone are over the budget', () => {
    const run = runWith(30);
    const { content } = trimRunForHtml(run, 1);
    const medians = run.settings.strategies.map((s) => medianTrialNumber(run.trials, s));
    expect(content.spanTrials).toEqual([...new Set(medians)].sort((a, b) => a! - b!));
  });
});
