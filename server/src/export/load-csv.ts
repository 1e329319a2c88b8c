import {
  errorTotal,
  type LoadResult,
  type LoadSecond,
  type LoadTestRecord,
  okRequests,
  type SweepPoint,
} from '@gatherscope/shared';
import { csvCell } from './csv';

/**
 * One table, one row per measurement, so a spreadsheet filters it by `scope` instead of parsing
 * sections: `second` (a strategy's phase, second by second, from the per-second HDR histograms),
 * `total` (the whole phase from its merged histogram: the Load page's results table) and `sweep`
 * (a step of the pool-size sweep). A column a scope does not measure is empty, never 0.
 */
export const loadCsvColumns = [
  'test_id',
  'scope',
  'strategy',
  'pool_size',
  't_s',
  'duration_s',
  'requests',
  'errors',
  'dropped',
  'cancelled_by_stop',
  'throughput_rps',
  'mean_ms',
  'p50_ms',
  'p90_ms',
  'p95_ms',
  'p99_ms',
  'max_ms',
  'lag_p95_ms',
  'db_connections',
  'pool_busy',
  'generator_saturated',
  'errors_by_group',
] as const;

type Column = (typeof loadCsvColumns)[number];
type Row = Partial<Record<Column, string | number | boolean | null>>;

const round = (n: number) => Math.round(n * 1000) / 1000;
const groups = (errors: Record<string, number>) =>
  Object.entries(errors)
    .map(([k, n]) => `${k}:${n}`)
    .join(';');

function secondRow(s: LoadSecond, poolSize: number, open: boolean): Row {
  const ok = okRequests(s);
  // A second in which no request succeeded has no latency (stored as 0): left empty, not 0 ms.
  const ms = (v: number) => (ok > 0 ? round(v) : null);
  return {
    scope: 'second',
    strategy: s.strategy,
    pool_size: poolSize,
    t_s: s.t,
    duration_s: 1,
    requests: s.requests,
    errors: errorTotal(s),
    dropped: s.dropped,
    throughput_rps: ok,
    p50_ms: ms(s.p50),
    p95_ms: ms(s.p95),
    p99_ms: ms(s.p99),
    // Schedule lag exists in the open model only (closed-model users start when they are ready).
    lag_p95_ms: open && s.requests > 0 ? round(s.lagP95) : null,
    db_connections: s.dbConnections,
    pool_busy: s.poolBusy,
    generator_saturated: s.generatorSaturated,
    errors_by_group: groups(s.errors),
  };
}

function totalRow(r: LoadResult): Row {
  const l = r.latencyMs;
  return {
    scope: 'total',
    strategy: r.strategy,
    pool_size: r.poolSize,
    duration_s: round(r.durationS),
    requests: r.requests,
    errors: r.errors,
    dropped: r.dropped,
    cancelled_by_stop: r.cancelledByStop,
    throughput_rps: round(r.throughput),
    mean_ms: round(l.mean),
    p50_ms: round(l.p50),
    p90_ms: round(l.p90),
    p95_ms: round(l.p95),
    p99_ms: round(l.p99),
    max_ms: round(l.max),
    errors_by_group: groups(r.errorsBySqlstate),
  };
}

const sweepRow = (p: SweepPoint): Row => ({
  scope: 'sweep',
  strategy: p.strategy,
  pool_size: p.poolSize,
  errors: p.errors,
  throughput_rps: round(p.throughput),
  p95_ms: round(p.p95),
});

/** A stored load test as CSV: each strategy's seconds then its total, in the order they ran, then the sweep. */
export function loadTestCsv(t: LoadTestRecord): string {
  const rows: Row[] = [];
  for (const strategy of t.settings.strategies) {
    for (const s of t.series.filter((x) => x.strategy === strategy))
      rows.push(secondRow(s, t.settings.poolSize, t.settings.model.kind === 'open'));
    const result = t.results.find((r) => r.strategy === strategy);
    if (result) rows.push(totalRow(result));
  }
  rows.push(...t.sweep.map(sweepRow));
  const lines = [loadCsvColumns.join(',')];
  for (const row of rows) {
    lines.push(loadCsvColumns.map((c) => csvCell(c === 'test_id' ? t.id : (row[c] ?? null))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
