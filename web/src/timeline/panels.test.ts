import { RunSettingsSchema, type RunSummary } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { span, trial } from './fixtures';
import { buildPanels } from './panels';
import type { TimelineRun } from './types';

const run: TimelineRun = {
  workload: {
    name: 'w',
    queries: [
      { id: 'a', sql: 'SELECT 1' },
      { id: 'b', sql: 'SELECT 2' },
    ],
  },
  settings: RunSettingsSchema.parse({
    strategies: ['sequential', 'concurrent'],
    trials: 2,
    warmup: 0,
    poolSize: 2,
  }),
  trials: [
    trial('sequential', 0, 200, {
      spans: [
        span({ strategy: 'sequential', queryId: 'a', start: 0, end: 100, pid: 1 }),
        span({ strategy: 'sequential', queryId: 'b', start: 100, end: 200, pid: 1 }),
      ],
    }),
    trial('concurrent', 0, 100, {
      spans: [
        span({ queryId: 'a', start: 0, end: 100, pid: 2 }),
        span({ queryId: 'b', start: 0, end: 90, pid: 3, error: { kind: 'query', message: 'bad' } }),
      ],
    }),
  ],
  summary: null,
};

describe('buildPanels', () => {
  it('gives every strategy a panel on one shared domain', () => {
    const { panels, domainEndMs } = buildPanels(run, 'query', { kind: 'median' });
    expect(panels.map((p) => p.strategy)).toEqual(['sequential', 'concurrent']);
    expect(domainEndMs).toBeCloseTo(208);
    expect(panels[1]?.failedSpans).toBe(1);
    expect(panels[0]?.shownWallMs).toBe(200);
    expect(panels[0]?.inProgress).toBe(false);
  });

  it('gives a trial still in progress no wall time and no wall marker, only its bars so far', () => {
    const live: TimelineRun = {
      ...run,
      trials: [
        ...run.trials,
        trial('sequential', 1, 0, {
          spans: [span({ strategy: 'sequential', queryId: 'a', start: 0, end: 56 })],
        }),
      ],
    };
    const [p] = buildPanels(live, 'query', { kind: 'latest' }).panels;
    expect(p?.trialNumbers).toEqual([1]);
    expect(p?.inProgress).toBe(true);
    expect(p?.shownWallMs).toBeUndefined();
    expect(p?.markers.filter((m) => m.kind === 'wall')).toEqual([]);
    expect(p?.layout.endMs).toBeGreaterThanOrEqual(56);
  });

  it('widens the shared domain to a theoretical time longer than any trial', () => {
    const wallMs = { n: 2, mean: 200, median: 200, p95: 200, p99: 200, min: 200, max: 200 };
    const sequential = {
      strategy: 'sequential' as const,
      wallMs,
      speedup: null,
      theoreticalMs: 500,
      efficiency: 2.5,
      perQuery: [],
      failedTrials: 0,
    };
    const summary = {
      strategies: [sequential],
      theory: { sumMs: 300, maxMs: 100, criticalPathMs: 100, boundedMs: 100, boundedK: 2 },
      verdict: '',
    } satisfies RunSummary;
    expect(buildPanels({ ...run, summary }, 'query', { kind: 'median' }).domainEndMs).toBeCloseTo(520);
  });

  it('lays sequential spans on one connection row in per-connection mode', () => {
    const { panels } = buildPanels(run, 'connection', { kind: 'median' });
    expect(panels[0]?.layout.rows).toHaveLength(1);
    expect(panels[1]?.layout.rows).toHaveLength(2);
  });
});
