import type { LoadModel, LoadSecond, StrategyName } from '@gatherscope/shared';
import { errorLines, lagP95, metricLines, okRequests, percentileLines } from './chart-data';
import { LineChart } from './LineChart';

/** The per-second charts, one line per strategy, each strategy's phase starting at second 1. */
export function LiveCharts({
  series,
  strategies,
  model,
}: {
  series: readonly LoadSecond[];
  strategies: readonly StrategyName[];
  model: LoadModel['kind'];
}) {
  const waiting = 'Waiting for the first full second…';
  return (
    <div className="ld-charts">
      <LineChart
        title="Throughput"
        yLabel="successful requests per second, as the final req/s"
        lines={metricLines(series, strategies, okRequests)}
        empty={waiting}
      />
      <LineChart
        title="Latency p50 · p95 · p99"
        yLabel="ms of successful requests; dotted p50, solid p95, dashed p99; a gap where none succeeded"
        lines={percentileLines(series, strategies)}
        empty={waiting}
      />
      <LineChart
        title="Errors by SQLSTATE"
        yLabel="per second, one line per error group and strategy"
        lines={errorLines(series, strategies)}
        empty={series.length ? 'No errors.' : waiting}
      />
      {model === 'open' ? (
        <>
          <LineChart
            title="Schedule lag p95"
            yLabel="ms from a request's scheduled start to its real start"
            lines={metricLines(series, strategies, lagP95)}
            empty={waiting}
          />
          <LineChart
            title="Dropped"
            yLabel="requests per second that could not start within the lag budget"
            lines={metricLines(series, strategies, (s) => s.dropped)}
            empty={waiting}
          />
        </>
      ) : null}
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
