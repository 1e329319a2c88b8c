import { RunSettingsSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { span, trial } from '../timeline/fixtures';
import type { TimelineRun } from '../timeline/types';
import { palettes } from './palette';
import { panelsOf, svgTimeline } from './svg-timeline';

const run: TimelineRun = {
  workload: {
    name: '<b>dash</b>',
    queries: [
      { id: 'a', sql: 'SELECT 1' },
      { id: 'b', sql: 'SELECT 2' },
    ],
  },
  settings: RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'], trials: 3, warmup: 0 }),
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

  it('paints what the app paints: the phases only, nothing where no phase was recorded', () => {
    // 0–10 waiting, a 10 ms gap with no phase, 20–40 executing; one bar across a 100 px plot.
    const gap: TimelineRun = {
      ...run,
      settings: RunSettingsSchema.parse({ strategies: ['concurrent'], trials: 1, warmup: 0 }),
      trials: [
        trial('concurrent', 0, 40, {
          spans: [
            span({
              queryId: 'a',
              start: 0,
              end: 40,
              phases: [
                { phase: 'waiting', start: 0, end: 10 },
                { phase: 'executing', start: 20, end: 40 },
              ],
            }),
            span({ queryId: 'b', start: 0, end: 40, phases: [] }),
          ],
        }),
      ],
    };
    const t = svgTimeline(gap, { width: 120 + 100 + 16, theme: 'light', range: [0, 40] });
    const bars = [...t.svg.matchAll(/<g class="gs-span"[\s\S]*?<\/g>/g)].map((m) =>
      [...m[0].matchAll(/<rect x="([\d.]+)" y="\d+" width="([\d.]+)" height="\d+" fill="([^"]+)"/g)].map(
        ([, x, w, fill]) => ({ x: Number(x), w: Number(w), fill }),
      ),
    );
    expect(bars[0]).toEqual([
      { x: 0, w: 25, fill: '#e69f00' },
      { x: 50, w: 50, fill: '#0072b2' },
    ]);
    // A span that recorded no phase is drawn whole as executing, as on the Profile page.
    expect(bars[1]).toEqual([{ x: 0, w: 100, fill: '#0072b2' }]);
    expect(t.svg).not.toContain(`fill="${palettes.light.border}"/></g>`);
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

describe('svgTimeline with a trial choice', () => {
  const three: TimelineRun = {
    ...run,
    trials: [30, 10, 20].flatMap((wall, n) =>
      (['sequential', 'concurrent'] as const).map((strategy) =>
        trial(strategy, n, wall, {
          spans: [
            span({ strategy, trial: n, queryId: 'a', start: 0, end: wall / 2 }),
            span({ strategy, trial: n, queryId: 'b', start: wall / 2, end: wall }),
          ],
        }),
      ),
    ),
  };

  it('shows the median trial by default and the chosen one when asked, with its wall time', () => {
    expect(panelsOf(three).map((p) => [p.trials, p.caption])).toEqual([
      [[2], 'median trial #2, wall 20.0 ms'],
      [[2], 'median trial #2, wall 20.0 ms'],
    ]);
    const t = svgTimeline(three, { width: 800, theme: 'light', choice: { kind: 'trial', trial: 0 } });
    expect(t.svg).toContain('>Sequential — trial #0, wall 30.0 ms<');
    expect(t.tips[1]?.[1]).toBe('duration 15.0 ms (from 15.0 ms to 30.0 ms)');
    expect([...t.shownTrials]).toEqual([
      ['sequential', 0],
      ['concurrent', 0],
    ]);
    expect(t.svg).toContain('<title>wall 30.0 ms</title>');
  });

  it('overlays all measured trials, and says when a strategy has no such trial', () => {
    const all = svgTimeline(three, { width: 800, theme: 'light', choice: { kind: 'all' } });
    expect(all.svg.match(/class="gs-span"/g)).toHaveLength(12);
    expect(all.svg).toContain('— 3 trials overlaid<');
    expect(all.shownTrials.size).toBe(0);
    const none = panelsOf(three, { kind: 'trial', trial: 7 });
    expect(none.map((p) => p.caption)).toEqual(['no trial #7', 'no trial #7']);
    expect(none.every((p) => p.spans.length === 0 && p.wallMs === undefined)).toBe(true);
  });
});
