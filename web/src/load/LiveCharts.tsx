import type { LoadSecond, StrategyName } from '@gatherscope/shared';
import { errorTotal, metricLines, percentileLines } from './chart-data';
import { LineChart } from './LineChart';

/** The per-second charts, one line per strategy, each strategy's phase starting at second 1. */
export function LiveCharts({
  series,
  strategies,
}: {
  series: readonly LoadSecond[];
  strategies: readonly StrategyName[];
}) {
  const waiting = 'Waiting for the first full second…';
  return (
    <div className="ld-charts">
      <LineChart
        title="Throughput"
        yLabel="requests per second"
        lines={metricLines(series, strategies, (s) => s.requests)}
        empty={waiting}
      />
      <LineChart
        title="Latency p50 · p95 · p99"
        yLabel="ms; dotted p50, solid p95, dashed p99"
        lines={percentileLines(series, strategies)}
        empty={waiting}
      />
      <LineChart
        title="Errors"
        yLabel="per second, all SQLSTATEs"
        lines={metricLines(series, strategies, errorTotal)}
        empty={waiting}
      />
      <LineChart
        title="Database connections"
        yLabel="backends of the test in pg_stat_activity"
        lines={metricLines(series, strategies, (s) => s.dbConnections)}
        empty={waiting}
      />
      <LineChart
        title="Gatherscope CPU"
        yLabel="% of one core"
        lines={metricLines(series, strategies, (s) => s.cpuPercent)}
        empty={waiting}
      />
      <LineChart
        title="Gatherscope memory"
        yLabel="RSS, MB"
        lines={metricLines(series, strategies, (s) => s.rssMb)}
        empty={waiting}
      />
    </div>
  );
}
