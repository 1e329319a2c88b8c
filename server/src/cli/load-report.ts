import { type LoadResult, type LoadSettings, strategyInfo, type Workload } from '@gatherscope/shared';
import type { LoadTestOutcome } from '../load/runner';
import { fmtMs as f, renderTable } from './table';

/** The `--json` document: `results[]` holds per strategy throughput (req/s), latencyMs and errors. */
export function buildLoadReport(o: {
  workload: Workload;
  database: { label: string; embedded: boolean };
  settings: LoadSettings;
  outcome: LoadTestOutcome;
}) {
  return {
    kind: 'load' as const,
    status: o.outcome.status,
    workload: o.workload.name,
    database: o.database,
    settings: o.settings,
    results: o.outcome.results.map((r) => ({
      strategy: r.strategy,
      throughput: r.throughput,
      requests: r.requests,
      latencyMs: r.latencyMs,
      errors: r.errors,
      errorsBySqlstate: r.errorsBySqlstate,
      dropped: r.dropped,
      pool: { size: r.poolSize, ...r.pool },
      limit: r.limit,
      generator: r.generator,
    })),
    sweep: o.outcome.sweep,
    verdict: o.outcome.verdict,
  };
}

export function loadResultsTable(results: readonly LoadResult[]): string {
  return renderTable(
    [
      'strategy',
      'requests',
      'req/s',
      'mean ms',
      'p50',
      'p90',
      'p95',
      'p99',
      'max',
      'errors',
      'dropped',
      'pool use',
      'conn ms/req',
      'generator busy',
    ],
    results.map((r) => [
      strategyInfo[r.strategy].label,
      String(r.requests),
      f(r.throughput),
      f(r.latencyMs.mean),
      f(r.latencyMs.p50),
      f(r.latencyMs.p90),
      f(r.latencyMs.p95),
      f(r.latencyMs.p99),
      f(r.latencyMs.max),
      String(r.errors),
      String(r.dropped),
      `${Math.round(r.pool.utilisation * 100)}%`,
      f(r.pool.connectionMsPerRequest),
      // The busiest thread's mean utilisation, and the seconds the generator was the limit.
      r.generator
        ? `${Math.round(r.generator.busy * 100)}%${r.generator.saturatedSeconds ? ` (limit ${r.generator.saturatedSeconds}/${r.generator.seconds} s)` : ''}`
        : '–',
    ]),
  );
}

export function sweepTable(points: LoadTestOutcome['sweep']): string {
  return renderTable(
    ['strategy', 'pool', 'req/s', 'p95 ms', 'errors', ''],
    points.map((p) => [
      strategyInfo[p.strategy].label,
      String(p.poolSize),
      f(p.throughput),
      f(p.p95),
      String(p.errors),
      p.maxConnectionsHit ? 'max_connections reached (53300)' : '',
    ]),
  );
}
