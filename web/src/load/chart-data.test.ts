import type { LoadSecond } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { errorTotal, metricLines, nines, percentileLines, sweepLines } from './chart-data';

const sec = (strategy: LoadSecond['strategy'], t: number, requests: number): LoadSecond => ({
  strategy,
  t,
  requests,
  errors: { '57014': 1, 'pool-timeout': 2 },
  dropped: 0,
  p50: 1,
  p95: 5,
  p99: 9,
  lagP95: 0,
  dbConnections: 3,
  dbActive: 1,
  poolBusy: 1,
  cpuPercent: 20,
  rssMb: 90,
});

describe('chart data', () => {
  it('gives each strategy its own line over its own seconds', () => {
    const series = [sec('sequential', 1, 10), sec('sequential', 2, 12), sec('concurrent', 1, 30)];
    const lines = metricLines(series, ['sequential', 'concurrent'], (s) => s.requests);
    expect(lines.map((l) => l.points.map((p) => p.y))).toEqual([[10, 12], [30]]);
    expect(lines[0]!.color).not.toBe(lines[1]!.color);
  });

  it('leaves seconds without completed requests out of the latency lines', () => {
    const lines = percentileLines([sec('sequential', 1, 0), sec('sequential', 2, 5)], ['sequential']);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.key === 'sequential-p95')!.points).toEqual([{ x: 2, y: 5 }]);
  });

  it('counts errors of every kind and spaces percentiles by nines', () => {
    expect(errorTotal(sec('sequential', 1, 1))).toBe(3);
    expect(nines(0)).toBe(0);
    expect(nines(90)).toBeCloseTo(1);
    expect(nines(99.9)).toBeCloseTo(3);
  });

  it('drops sweep steps refused by max_connections from the lines', () => {
    const lines = sweepLines(
      [
        { strategy: 'concurrent', poolSize: 1, throughput: 10, p95: 5, errors: 0, maxConnectionsHit: false },
        { strategy: 'concurrent', poolSize: 128, throughput: 1, p95: 5, errors: 9, maxConnectionsHit: true },
      ],
      (p) => p.throughput,
    );
    expect(lines[0]!.points).toEqual([{ x: 1, y: 10 }]);
  });
});
