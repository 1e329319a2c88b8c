import type { LoadSecond } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import {
  errorLines,
  errorTotal,
  generatorNotes,
  lagP95,
  metricLines,
  nines,
  okRequests,
  percentileLines,
  sweepLines,
} from './chart-data';

const sec = (
  strategy: LoadSecond['strategy'],
  t: number,
  requests: number,
  errors: LoadSecond['errors'] = {},
): LoadSecond => ({
  strategy,
  t,
  requests,
  errors,
  dropped: 0,
  p50: 1,
  p95: 5,
  p99: 9,
  lagP95: 3,
  dbConnections: 3,
  dbActive: 1,
  poolBusy: 1,
  cpuPercent: 20,
  rssMb: 90,
  generatorBusy: 0,
  generatorLoopDelayMs: 0,
  generatorSaturated: false,
});

describe('chart data', () => {
  it('lists no strategy that has not run (yet, or at all after a Stop) in a legend', () => {
    const series = [sec('sequential', 1, 10)];
    expect(metricLines(series, ['sequential', 'concurrent'], (s) => s.requests).map((l) => l.key)).toEqual([
      'sequential',
    ]);
    expect(percentileLines(series, ['sequential', 'concurrent']).map((l) => l.key)).toEqual([
      'sequential-p50',
      'sequential-p95',
      'sequential-p99',
    ]);
  });

  it('gives each strategy its own line over its own seconds', () => {
    const series = [sec('sequential', 1, 10), sec('sequential', 2, 12), sec('concurrent', 1, 30)];
    const lines = metricLines(series, ['sequential', 'concurrent'], (s) => s.requests);
    expect(lines.map((l) => l.points.map((p) => p.y))).toEqual([[10, 12], [30]]);
    expect(lines[0]!.color).not.toBe(lines[1]!.color);
  });

  it('counts only successful requests as throughput, as the final req/s does', () => {
    const s = sec('sequential', 1, 10, { '57014': 1, 'pool-timeout': 2 });
    expect(errorTotal(s)).toBe(3);
    expect(okRequests(s)).toBe(7);
    const [line] = metricLines([s, sec('sequential', 2, 4)], ['sequential'], okRequests);
    expect(line!.points).toEqual([
      { x: 1, y: 7 },
      { x: 2, y: 4 },
    ]);
  });

  it('leaves a gap in the latency lines where no request succeeded, never a 0', () => {
    const series = [
      sec('sequential', 1, 5),
      sec('sequential', 2, 0),
      sec('sequential', 3, 4, { '57P01': 4 }),
      sec('sequential', 4, 5),
    ];
    const lines = percentileLines(series, ['sequential']);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.key === 'sequential-p95')!.points.map((p) => p.y)).toEqual([5, null, null, 5]);
  });

  it('draws one error line per group and strategy that had any, real zeros elsewhere', () => {
    const series = [
      sec('sequential', 1, 10, { '57P01': 2 }),
      sec('sequential', 2, 10),
      sec('concurrent', 1, 10, { '57P01': 1, 'pool-timeout': 3 }),
    ];
    const lines = errorLines(series, ['sequential', 'concurrent']);
    expect(lines.map((l) => l.key)).toEqual([
      'sequential-57P01',
      'concurrent-57P01',
      'concurrent-pool-timeout',
    ]);
    expect(lines[0]!.points.map((p) => p.y)).toEqual([2, 0]);
    expect(lines[0]!.label).toBe('57P01 · Sequential');
    // A group keeps its colour across strategies; strategies differ by dash.
    expect(lines[0]!.color).toBe(lines[1]!.color);
    expect(lines[0]!.dash).not.toBe(lines[1]!.dash);
    expect(lines[2]!.color).not.toBe(lines[1]!.color);
    expect(errorLines([sec('sequential', 1, 10)], ['sequential'])).toEqual([]);
  });

  it('has no schedule lag for a second in which no request finished', () => {
    expect(lagP95(sec('sequential', 1, 3))).toBe(3);
    expect(lagP95(sec('sequential', 1, 0))).toBeNull();
  });

  it('spaces percentiles by nines', () => {
    expect(nines(0)).toBe(0);
    expect(nines(90)).toBeCloseTo(1);
    expect(nines(99.9)).toBeCloseTo(3);
  });

  it('keeps sweep steps refused by max_connections on the lines, marked', () => {
    const lines = sweepLines(
      [
        { strategy: 'concurrent', poolSize: 1, throughput: 10, p95: 5, errors: 0, maxConnectionsHit: false },
        { strategy: 'concurrent', poolSize: 128, throughput: 1, p95: 5, errors: 9, maxConnectionsHit: true },
      ],
      (p) => p.throughput,
    );
    expect(lines[0]!.points).toEqual([
      { x: 1, y: 10 },
      { x: 128, y: 1, marked: true },
    ]);
  });
});

describe('generator notes', () => {
  it('names the seconds the generator was the limit, per strategy, as ranges', () => {
    const marked = (t: number) => ({ ...sec('sequential', t, 100), generatorSaturated: true });
    const series = [
      marked(1),
      marked(2),
      marked(3),
      sec('sequential', 4, 100),
      marked(5),
      sec('concurrent', 1, 100),
    ];
    const notes = generatorNotes(series, ['sequential', 'concurrent']);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('seconds 1–3, 5 (4 of 5)');
    expect(generatorNotes([sec('concurrent', 1, 1)], ['concurrent'])).toEqual([]);
  });
});
