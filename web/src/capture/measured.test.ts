import type { RunSummary } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { measuredSaving, predictionErrorMs } from './measured';

describe('a replay measured', () => {
  const stats = (strategy: 'sequential' | 'dependency-aware', median: number) => ({
    strategy,
    wallMs: { n: 10, mean: median, median, p95: median, p99: median, min: median, max: median },
    speedup: null,
    theoreticalMs: 0,
    efficiency: 1,
    perQuery: [],
    failedTrials: 0,
  });
  it('measures the saving from the medians and compares it with the prediction', () => {
    const summary: RunSummary = {
      strategies: [stats('sequential', 30), stats('dependency-aware', 18)],
      theory: { sumMs: 0, maxMs: 0, criticalPathMs: 0, boundedMs: 0, boundedK: 2 },
      verdict: '',
    };
    const m = measuredSaving(summary)!;
    expect(m).toEqual({ sequentialMs: 30, gatheredMs: 18, savingMs: 12 });
    expect(predictionErrorMs(14, m)).toBe(2);
    expect(measuredSaving(null)).toBeNull();
  });
});
