import type { StrategyStats, Theory } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { panelMarkers, theoryFor } from './markers';

const theory: Theory = { sumMs: 300, maxMs: 100, criticalPathMs: 180, boundedMs: 160, boundedK: 2 };

describe('markers', () => {
  it('holds each strategy to its own model', () => {
    expect(theoryFor('sequential', theory).ms).toBe(300);
    expect(theoryFor('single-connection', theory).ms).toBe(300);
    expect(theoryFor('concurrent', theory).ms).toBe(100);
    expect(theoryFor('dependency-aware', theory).ms).toBe(180);
    expect(theoryFor('bounded', theory)).toEqual({ ms: 160, label: 'theory: bounded k=2' });
  });

  it('shows only what has been measured while a run streams in', () => {
    expect(panelMarkers('concurrent', undefined, undefined, 12).map((m) => m.kind)).toEqual(['wall']);
    const stats = { wallMs: { median: 110 } } as StrategyStats;
    expect(panelMarkers('concurrent', theory, stats, 0).map((m) => [m.kind, m.ms])).toEqual([
      ['theory', 100],
      ['median', 110],
    ]);
  });
});
