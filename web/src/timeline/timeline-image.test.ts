import { RunSettingsSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { span, trial } from './fixtures';
import { panelHeight } from './geometry';
import { buildPanels } from './panels';
import { imageLayout } from './TimelineImage';
import { timelineImage } from './timeline-image';
import type { TimelineRun } from './types';

const run: TimelineRun & { workload: { name: string } } = {
  workload: {
    name: 'orders',
    queries: [
      { id: 'a', sql: 'SELECT 1' },
      { id: 'b', sql: 'SELECT 2' },
    ],
  },
  settings: RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'], trials: 2, warmup: 0 }),
  trials: [
    trial('sequential', 0, 200, {
      spans: [
        span({ strategy: 'sequential', queryId: 'a', start: 0, end: 100, pid: 1 }),
        span({ strategy: 'sequential', queryId: 'b', start: 100, end: 200, pid: 1 }),
      ],
    }),
    trial('sequential', 1, 220, {
      spans: [
        span({ strategy: 'sequential', trial: 1, queryId: 'a', start: 0, end: 110, pid: 1 }),
        span({ strategy: 'sequential', trial: 1, queryId: 'b', start: 110, end: 220, pid: 1 }),
      ],
    }),
    trial('concurrent', 0, 100, {
      spans: [
        span({ queryId: 'a', start: 0, end: 100, pid: 2 }),
        span({ queryId: 'b', start: 0, end: 90, pid: 3, error: { kind: 'query', message: 'boom' } }),
      ],
    }),
  ],
  summary: null,
};

describe('timelineImage', () => {
  it('draws a panel per strategy with a bar per span, titled as the timeline titles them', () => {
    const { svg } = timelineImage(run, { width: 1200, theme: 'light', title: 'orders · demo' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/class="tl-bar"/g)).toHaveLength(4);
    expect(svg).toContain('data-strategy="sequential"');
    expect(svg).toContain('200 ms · trial 0');
    expect(svg).toContain('orders · demo');
    // Each bar says what the app's tooltip says, as the file's only hover text.
    expect(svg).toContain('a · Concurrent · trial 0');
  });

  it('draws the trial chosen on the page, in the theme chosen for the file', () => {
    const { svg } = timelineImage(run, { width: 800, theme: 'dark', choice: { kind: 'trial', trial: 1 } });
    expect(svg).toContain('data-theme="dark"');
    expect(svg).toContain('220 ms · trial 1');
    expect(svg).not.toContain('200 ms · trial 0');
  });

  it('stacks the panels at the heights of the timeline, after a legend that fits the width', () => {
    const { panels, domainEndMs } = buildPanels(run, 'query', { kind: 'median' });
    const narrow = imageLayout(panels, domainEndMs, 420, false);
    const wide = imageLayout(panels, domainEndMs, 1600, false);
    expect(new Set(narrow.legend.map((l) => l.y)).size).toBeGreaterThan(1);
    expect(new Set(wide.legend.map((l) => l.y)).size).toBe(1);
    expect(wide.panelTops[1]! - wide.panelTops[0]!).toBe(panelHeight(2));
    expect(wide.axisTop - wide.panelTops[1]!).toBe(panelHeight(2));
    expect(wide.height).toBeGreaterThan(wide.axisTop);
    expect(timelineImage(run, { width: 1600, theme: 'light' }).height).toBe(wide.height);
  });
});
