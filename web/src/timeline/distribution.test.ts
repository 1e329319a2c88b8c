import { RunSettingsSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { distributionRows, dotPlot, emptyRowText, NO_TRIAL_TEXT } from './distribution';
import { span, trial } from './fixtures';
import { timeScale } from './scale';

describe('distributionRows', () => {
  const settings = RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'], warmup: 0 });
  const workload = { name: 'w', queries: [{ id: 'a', sql: 'SELECT 1' }] };

  it('plots completed trials only: not warm-ups, not the trial Stop cut short', () => {
    const cut = span({
      strategy: 'sequential',
      queryId: 'a',
      start: 0,
      end: 155,
      error: { kind: 'cancelled', message: 'canceling statement due to user request' },
    });
    const rows = distributionRows({
      workload,
      settings,
      summary: null,
      trials: [
        trial('sequential', 1, 300, {
          spans: [span({ strategy: 'sequential', queryId: 'a', start: 0, end: 300 })],
        }),
        trial('sequential', 2, 155, { spans: [cut] }),
      ],
    });
    expect(rows.map((r) => [r.strategy, r.trials.map((t) => t.wallMs)])).toEqual([
      ['sequential', [300]],
      ['concurrent', []],
    ]);
    expect(rows[0]?.medianMs).toBeUndefined();
    expect(rows.map((r) => r.ended)).toEqual([2, 0]);
  });

  it('says why a row is empty: still waiting while live, stopped first after, or every trial failed', () => {
    expect(emptyRowText({ ended: 0 }, true)).toBe('no trial finished yet');
    expect(emptyRowText({ ended: 0 }, false)).toBe('not measured (stopped before its first trial)');
    expect(emptyRowText({ ended: 3 }, true)).toBe(NO_TRIAL_TEXT);
    expect(emptyRowText({ ended: 3 }, false)).toBe(NO_TRIAL_TEXT);
  });

  it('leaves out failed trials: a strategy whose every trial failed has an empty row', () => {
    const failedSpan = (strategy: 'sequential' | 'concurrent') =>
      span({
        strategy,
        queryId: 'a',
        start: 0,
        end: 3,
        error: { kind: 'query', message: 'relation "no_such_table" does not exist', sqlstate: '42P01' },
      });
    const rows = distributionRows({
      workload,
      settings,
      summary: null,
      trials: [
        trial('sequential', 0, 300),
        trial('sequential', 1, 4, { failed: true, spans: [failedSpan('sequential')] }),
        trial('concurrent', 0, 3, { failed: true, spans: [failedSpan('concurrent')] }),
        trial('concurrent', 1, 5, { failed: true, spans: [failedSpan('concurrent')] }),
      ],
    });
    expect(rows.map((r) => [r.strategy, r.trials.map((t) => t.trial)])).toEqual([
      ['sequential', [0]],
      ['concurrent', []],
    ]);
  });
});

describe('dotPlot', () => {
  it('stacks values of one bin and spreads distinct values along the axis', () => {
    const dots = dotPlot([10, 10.1, 10.2, 90], timeScale(100, 100), 5);
    expect(dots).toHaveLength(4);
    expect(dots.filter((d) => d.value < 11).map((d) => d.stack)).toEqual([0, 1, 2]);
    const far = dots.find((d) => d.value === 90)!;
    expect(far.stack).toBe(0);
    expect(far.x).toBeGreaterThan(85);
    expect(far.x).toBeLessThan(95);
  });

  it('drops values outside the domain', () => {
    expect(dotPlot([-1, 500], timeScale(100, 100), 5)).toEqual([]);
  });
});
