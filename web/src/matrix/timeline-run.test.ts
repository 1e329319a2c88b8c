import type { Measurement, Span } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { measurementTimeline } from './timeline-run';

const span = (strategy: Span['strategy'], queryId: string, start: number, end: number): Span => ({
  strategy,
  trial: 9,
  queryId,
  start,
  end,
  phases: [{ phase: 'executing', start, end }],
  pid: null,
  rows: 1,
  bytes: 20,
});

const base: Measurement = {
  scenario: 'gateway',
  measuredAt: '2026-11-25T10:00:00Z',
  setup: 'x',
  baseline: { label: 'sequential', samples: 10, medianMs: 300, p95Ms: 310, throughputPerSec: null },
  treatment: { label: 'concurrent', samples: 10, medianMs: 100, p95Ms: 110, throughputPerSec: null },
  speedup: { estimate: 3, low: 2.9, high: 3.1 },
  computeShare: 0.02,
  basis: 'latency',
  verdict: 'concurrent',
  reason: 'r',
  contradicts: false,
  facts: [],
};

describe('a preset measurement as a timeline run', () => {
  it('makes one trial per arm and one row per call, in the order they first ran', () => {
    const run = measurementTimeline({
      ...base,
      sampleSpans: [
        span('sequential', 'users', 0, 100),
        span('sequential', 'inventory', 100, 200),
        span('concurrent', 'users', 0, 100),
        span('concurrent', 'inventory', 0, 101),
      ],
    })!;
    expect(run.workload.queries.map((q) => q.id)).toEqual(['users', 'inventory']);
    expect(run.trials.map((t) => [t.strategy, t.wallMs])).toEqual([
      ['sequential', 200],
      ['concurrent', 101],
    ]);
    expect(run.settings.strategies).toEqual(['sequential', 'concurrent']);
  });

  it('has nothing to draw without spans', () => {
    expect(measurementTimeline(base)).toBeNull();
  });
});
