import { RunSettingsSchema, type RunSummary } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { distributionRows } from '../timeline/distribution';
import { trial } from '../timeline/fixtures';
import type { TimelineRun } from '../timeline/types';
import { MAX_ROW_H, svgDistribution } from './svg-distribution';

const summaryWithMedian = (median: number) =>
  ({
    strategies: [{ strategy: 'concurrent', wallMs: { median } }],
  }) as unknown as RunSummary;

const run: TimelineRun = {
  workload: { name: 'w', queries: [{ id: 'a', sql: 'SELECT 1' }] },
  settings: RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'], trials: 4, warmup: 1 }),
  trials: [
    trial('sequential', -1, 500),
    ...[40, 42, 41, 90].map((w, i) => trial('sequential', i, w)),
    ...[20, 20, 21, 0].map((w, i) => trial('concurrent', i, w)),
  ],
  summary: summaryWithMedian(20),
};

describe('the trial distribution of the HTML export', () => {
  it('takes every measured trial with a wall time, warm-ups and unfinished trials left out', () => {
    const rows = distributionRows(run);
    expect(rows.map((r) => r.trials.map((t) => t.wallMs))).toEqual([
      [40, 42, 41, 90],
      [20, 20, 21],
    ]);
    expect(rows.map((r) => r.medianMs)).toEqual([undefined, 20]);
  });

  it('draws a dot per trial on one axis, rings the trial shown and marks the median', () => {
    const svg = svgDistribution(run, {
      width: 600,
      theme: 'light',
      shown: new Map([['sequential', 3]]),
    });
    expect(svg.match(/<circle/g)).toHaveLength(7);
    expect(svg.match(/gs-dot-shown/g)).toHaveLength(1);
    expect(svg).toContain('<title>trial #3: 90.0 ms (shown above)</title>');
    // Trials with equal wall times stack in one bin, each keeping its own number.
    expect(svg).toContain('<title>trial #0: 20.0 ms</title>');
    expect(svg).toContain('<title>trial #1: 20.0 ms</title>');
    expect(svg).toContain('<title>median wall 20.0 ms</title>');
    expect(svg).toContain('aria-label="Concurrent: 3 trials, median 20.0 ms"');
    expect(svg).not.toContain('500 ms');
    expect(svg).not.toContain('var(--');
    expect(svg).not.toContain('gs-dot-out');
  });

  it('keeps a row of hundreds of close trials a strip no taller than MAX_ROW_H', () => {
    const many: TimelineRun = {
      ...run,
      settings: { ...run.settings, strategies: ['concurrent'] },
      trials: Array.from({ length: 500 }, (_, i) => trial('concurrent', i, 60 + (i % 5) / 10)),
    };
    const svg = svgDistribution(many, { width: 600, theme: 'light' });
    expect(svg.match(/<circle/g)).toHaveLength(500);
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    expect(height).toBeLessThanOrEqual(4 + MAX_ROW_H + 4 + 24);
    const ys = [...svg.matchAll(/cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
  });

  it('says so in the row of a strategy whose every trial failed, and plots none of them', () => {
    const failing: TimelineRun = {
      ...run,
      trials: [
        ...run.trials.filter((t) => t.strategy === 'sequential'),
        ...[3, 4].map((w, i) => trial('concurrent', i, w, { failed: true })),
      ],
      summary: null,
    };
    const svg = svgDistribution(failing, { width: 600, theme: 'light' });
    expect(svg.match(/<circle/g)).toHaveLength(4);
    expect(svg).toContain('aria-label="Concurrent: no successful trial"');
    expect(svg).toContain('>no successful trial</text>');
  });

  it('draws hollow the trials whose spans the file does not hold', () => {
    const svg = svgDistribution(run, { width: 600, theme: 'dark', inFile: new Set([0, 2]) });
    expect(svg.match(/gs-dot-out/g)).toHaveLength(3);
    expect(svg).toContain('<title>trial #3: 90.0 ms (its spans are not in this file)</title>');
    expect(svg).toContain('<title>trial #2: 21.0 ms</title>');
  });
});
