import {
  type LoadResult,
  type LoadSecond,
  LoadSettingsSchema,
  type LoadTestRecord,
} from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { loadCsvColumns, loadTestCsv } from './load-csv';

const second = (strategy: LoadSecond['strategy'], t: number, over: Partial<LoadSecond> = {}): LoadSecond => ({
  strategy,
  t,
  requests: 40,
  errors: {},
  dropped: 0,
  p50: 1.2344,
  p95: 2.5,
  p99: 3.75,
  lagP95: 0,
  dbConnections: 2,
  dbActive: 1,
  poolBusy: 0.5,
  cpuPercent: 20,
  rssMb: 100,
  generatorBusy: 0.1,
  generatorLoopDelayMs: 1,
  generatorSaturated: false,
  ...over,
});

const result = (strategy: LoadResult['strategy'], over: Partial<LoadResult> = {}): LoadResult => ({
  strategy,
  poolSize: 2,
  durationS: 2.0004,
  requests: 80,
  throughput: 39.9921,
  latencyMs: { mean: 1.5, p50: 1.25, p90: 2.25, p95: 2.5, p99: 3.75, max: 9.5 },
  errors: 0,
  errorsBySqlstate: {},
  cancelledByStop: 0,
  dropped: 0,
  distribution: [],
  pool: { utilisation: 0.5, maxHeldPerRequest: 1, connectionMsPerRequest: 1, waitMsPerAcquire: 0 },
  limit: null,
  ...over,
});

function record(over: Partial<LoadTestRecord> = {}): LoadTestRecord {
  return {
    id: 'mabc123def456',
    kind: 'load',
    createdAt: '2026-12-06T23:00:00.000Z',
    finishedAt: '2026-12-06T23:00:05.000Z',
    status: 'completed',
    settings: LoadSettingsSchema.parse({
      strategies: ['sequential', 'concurrent'],
      model: { kind: 'closed', vus: 2 },
      poolSize: 2,
      sweep: { maxPool: 2, stepDurationS: 1 },
    }),
    workload: { name: 'tiny', queries: [{ id: 'one', sql: 'SELECT 1' }] },
    target: { kind: 'default' },
    database: { name: 'demo', label: 'Embedded demo shop', serverVersion: '15', embedded: true },
    series: [
      second('sequential', 1),
      second('concurrent', 1, { requests: 3, errors: { '57014': 1, 'pool-timeout': 2 } }),
      second('sequential', 2),
    ],
    results: [result('sequential'), result('concurrent', { errors: 3, errorsBySqlstate: { '57014': 3 } })],
    sweep: [
      { strategy: 'sequential', poolSize: 1, throughput: 30.25, p95: 4, errors: 0, maxConnectionsHit: false },
    ],
    verdict: null,
    error: null,
    ...over,
  };
}

const table = (csv: string) =>
  csv
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));

describe('loadTestCsv', () => {
  it("holds one row per measurement: each strategy's seconds in order, then its total, then the sweep", () => {
    const [head, ...rows] = table(loadTestCsv(record()));
    expect(head).toEqual([...loadCsvColumns]);
    const col = (name: (typeof loadCsvColumns)[number]) => loadCsvColumns.indexOf(name);
    expect(rows.map((r) => [r[col('scope')], r[col('strategy')], r[col('t_s')]])).toEqual([
      ['second', 'sequential', '1'],
      ['second', 'sequential', '2'],
      ['total', 'sequential', ''],
      ['second', 'concurrent', '1'],
      ['total', 'concurrent', ''],
      ['sweep', 'sequential', ''],
    ]);
    expect(rows.every((r) => r[0] === 'mabc123def456' && r.length === loadCsvColumns.length)).toBe(true);
    const [first] = rows;
    // Per second: throughput is the requests that succeeded in it; percentiles as stored, to the µs.
    expect(first![col('throughput_rps')]).toBe('40');
    expect(first![col('p50_ms')]).toBe('1.234');
    expect(first![col('mean_ms')]).toBe('');
    // Schedule lag is the open model's: a closed-model test has none to report.
    expect(first![col('lag_p95_ms')]).toBe('');
    const total = rows[2]!;
    expect(total[col('throughput_rps')]).toBe('39.992');
    expect(total[col('max_ms')]).toBe('9.5');
    expect(total[col('duration_s')]).toBe('2');
    expect(rows[5]![col('pool_size')]).toBe('1');
    expect(rows[5]![col('throughput_rps')]).toBe('30.25');
    expect(rows[5]![col('requests')]).toBe('');
  });

  it('counts errors out of the throughput, groups them, and leaves latency empty where none succeeded', () => {
    const rows = table(loadTestCsv(record())).slice(1);
    const col = (name: (typeof loadCsvColumns)[number]) => loadCsvColumns.indexOf(name);
    const concurrent = rows[3]!;
    expect(concurrent[col('errors')]).toBe('3');
    expect(concurrent[col('throughput_rps')]).toBe('0');
    expect(concurrent[col('p95_ms')]).toBe('');
    expect(concurrent[col('errors_by_group')]).toBe('57014:1;pool-timeout:2');
    expect(table(loadTestCsv(record({ series: [], results: [], sweep: [] })))).toHaveLength(1);
    const open = record();
    open.settings = { ...open.settings, model: { kind: 'open', rate: 40, maxInFlight: 100, maxLagMs: 1000 } };
    open.series = [second('sequential', 1, { lagP95: 2.5 })];
    expect(table(loadTestCsv(open))[1]![col('lag_p95_ms')]).toBe('2.5');
  });
});
