import type { RunRecord } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { span, trial } from '../timeline/fixtures';
import { palettes } from './palette';
import { svgTimeline } from './svg-timeline';

const run: Pick<RunRecord, 'workload' | 'settings' | 'trials' | 'summary'> = {
  workload: {
    name: '<b>dash</b>',
    queries: [
      { id: 'a', sql: 'SELECT 1' },
      { id: 'b', sql: 'SELECT 2' },
    ],
  },
  settings: {
    strategies: ['sequential', 'concurrent'],
    trials: 3,
    warmup: 0,
    poolSize: 10,
    boundedK: 2,
    rttMs: 0,
    jitterMs: 0,
    coldConnections: false,
  },
  trials: [
    trial('sequential', 0, 200, {
      spans: [
        span({ strategy: 'sequential', queryId: 'a', start: 0, end: 100 }),
        span({ strategy: 'sequential', queryId: 'b', start: 100, end: 200 }),
      ],
    }),
    trial('concurrent', 0, 100, {
      spans: [
        span({ queryId: 'a', start: 0, end: 100 }),
        span({
          queryId: 'b',
          start: 0,
          end: 50,
          error: { kind: 'query', message: 'boom <img src=x>' },
        }),
      ],
    }),
  ],
  summary: null,
};

describe('svgTimeline', () => {
  it('draws a panel per strategy with a tooltip per span, text escaped', () => {
    const t = svgTimeline(run, { width: 800, theme: 'light' });
    expect(t.svg.match(/class="gs-panel"/g)).toHaveLength(2);
    expect(t.svg.match(/class="gs-span"/g)).toHaveLength(4);
    expect(t.tips).toHaveLength(4);
    expect(t.svg).not.toContain('<img');
    expect(t.svg).not.toContain('<b>');
    expect(t.tips.flat().join('\n')).toContain('boom <img src=x>');
    expect(t.svg).toContain(`fill="${palettes.light.error}"`);
    expect(t.svg).not.toContain('var(--');
  });

  it('puts both panels on one shared axis reaching past the longest trial', () => {
    const t = svgTimeline(run, { width: 800, theme: 'dark' });
    expect(t.domainEndMs).toBeGreaterThan(200);
    expect(t.svg).toContain('>200 ms<');
  });

  it('puts an escaped title above the drawing when asked', () => {
    const plain = svgTimeline(run, { width: 800, theme: 'light' });
    const titled = svgTimeline(run, { width: 800, theme: 'light', title: 'dash <on> demo' });
    expect(titled.svg).toContain('>dash &lt;on&gt; demo<');
    expect(titled.height).toBeGreaterThan(plain.height);
  });

  it('zooms to a time range: ticks follow the range', () => {
    const t = svgTimeline(run, { width: 800, theme: 'light', range: [40, 60] });
    expect(t.svg).toContain('>50 ms<');
    expect(t.svg).not.toContain('>200 ms<');
  });
});
