import type { RunSummary, StrategyStats } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { summaryTable } from './table';

const wall = (median: number, n = 5) => ({
  n,
  mean: median,
  median,
  p95: median + 5,
  p99: median + 6,
  min: median - 3,
  max: median + 7,
});
const q = (queryId: string, medianMs: number, errors = 0, samples = 5) => ({
  queryId,
  medianMs,
  medianExecutingMs: medianMs,
  medianWaitingMs: 0,
  errors,
  samples,
});

const sequential: StrategyStats = {
  strategy: 'sequential',
  wallMs: wall(300),
  speedup: null,
  theoreticalMs: 300,
  theoreticalSpeedup: 1,
  efficiency: 1,
  perQuery: [q('user', 120), q('orders', 180)],
  failedTrials: 0,
};
const concurrent: StrategyStats = {
  strategy: 'concurrent',
  wallMs: wall(0, 0),
  speedup: null,
  theoreticalMs: 0,
  efficiency: 0,
  perQuery: [q('user', 0, 5, 0), q('orders', 150, 2, 3)],
  failedTrials: 5,
};
const summary: RunSummary = {
  strategies: [sequential, concurrent],
  theory: { sumMs: 300, maxMs: 180, criticalPathMs: 180, boundedMs: 180, boundedK: 2 },
  verdict: '',
};

describe('summaryTable', () => {
  const lines = summaryTable(summary).split('\n');

  it('shows min and max, and dashes, not zeros, for a strategy without a successful trial', () => {
    expect(lines[0]).toMatch(/median ms +p95 ms +p99 ms +min ms +max ms/);
    expect(lines[2]).toMatch(/^Sequential +300 +305 +306 +297 +307 +– +1.00× +300 +100% +0$/);
    expect(lines[3]).toMatch(/^Concurrent +– +– +– +– +– +– +– +– +– +5$/);
  });

  it("shows the theory speedup the verdict quotes beside each strategy's own theory, and says which is which", () => {
    const withTheory = summaryTable({
      ...summary,
      strategies: [
        sequential,
        { ...sequential, strategy: 'concurrent', theoreticalMs: 8.05, theoreticalSpeedup: 3.6 },
      ],
    }).split('\n');
    expect(withTheory[0]).toMatch(/speedup \(95% CI\) +theory speedup +own theory ms +efficiency/);
    expect(withTheory[3]).toMatch(/^Concurrent .* 3.60× +8.05 /);
    expect(withTheory[4]).toMatch(/^theory speedup: .*run-wide query costs \(the verdict quotes it\)/);
    expect(withTheory[5]).toMatch(
      /^own theory ms: .*own per-query medians; efficiency = own theory \/ median/,
    );
  });

  it('adds a row per query with its median under each strategy, and its failures', () => {
    const i = lines.findIndex((l) => l.startsWith('query median ms'));
    expect(lines[i]).toMatch(/^query median ms +Sequential +Concurrent$/);
    expect(lines[i + 2]).toMatch(/^user +120 +failed 5×$/);
    expect(lines[i + 3]).toMatch(/^orders +180 +150 \(2 err\)$/);
  });
});
