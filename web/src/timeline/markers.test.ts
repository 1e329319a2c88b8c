import type { StrategyStats, Theory } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { panelMarkers, theoryModel } from './markers';

// The run-wide theory (from sequential's timings) deliberately differs from each strategy's own.
const theory: Theory = { sumMs: 300, maxMs: 100, criticalPathMs: 180, boundedMs: 160, boundedK: 2 };
const stats = (theoreticalMs: number, median: number, n = 5) =>
  ({ theoreticalMs, wallMs: { median, n } }) as StrategyStats;

describe('markers', () => {
  it('names the model each strategy is held to', () => {
    expect(theoryModel('sequential', 2)).toBe('sum');
    expect(theoryModel('single-connection', 2)).toBe('sum');
    expect(theoryModel('pipelined', 2)).toBe('round trip per wave + sum');
    expect(theoryModel('concurrent', 2)).toBe('max');
    expect(theoryModel('dependency-aware', 2)).toBe('critical path');
    expect(theoryModel('bounded', 3)).toBe('bounded k=3');
    // With dependencies concurrent runs wave after wave: its model is the sum of the waves' maxima.
    expect(theoryModel('concurrent', 2, true)).toBe('sum of wave maxima');
    expect(theoryModel('bounded', 3, true)).toBe('bounded k=3 per wave');
    expect(panelMarkers('concurrent', theory, stats(109, 120), 0, true)[0]?.label).toBe(
      'theory: sum of wave maxima',
    );
  });

  it("marks the strategy's own theoretical time, the number the summary table shows", () => {
    expect(panelMarkers('concurrent', theory, stats(109, 120), 0)).toEqual([
      { kind: 'theory', ms: 109, label: 'theory: max' },
      { kind: 'median', ms: 120, label: 'median wall' },
    ]);
    expect(panelMarkers('bounded', theory, stats(170, 200), 0)[0]).toEqual({
      kind: 'theory',
      ms: 170,
      label: 'theory: bounded k=2',
    });
  });

  it('shows only what has been measured while a run streams in', () => {
    expect(panelMarkers('concurrent', undefined, undefined, 12).map((m) => m.kind)).toEqual(['wall']);
  });

  it('marks no statistics for a strategy without a counted trial', () => {
    expect(panelMarkers('concurrent', theory, stats(0, 0, 0), 40)).toEqual([
      { kind: 'wall', ms: 40, label: 'wall' },
    ]);
  });
});
