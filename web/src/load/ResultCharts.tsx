import type { LoadResult, SweepPoint } from '@gatherscope/shared';
import { distributionLines, sweepLines } from './chart-data';
import { LineChart } from './LineChart';

const percentileLabel = (nines: number) => `${Number((100 * (1 - 10 ** -nines)).toFixed(2))}%`;

const REFUSED = 'connections refused (53300, max_connections)';

export function DistributionChart({ results }: { results: readonly LoadResult[] }) {
  return (
    <LineChart
      title="Latency distribution"
      yLabel="ms at each percentile"
      xLabel="percentile (spaced by nines)"
      xTickLabel={percentileLabel}
      xTicks={[0, 1, 2, 3, 4]}
      lines={distributionLines(results)}
    />
  );
}

/** Throughput and p95 against pool size; steps refused by max_connections are drawn, ringed and listed. */
export function SweepCharts({ points }: { points: readonly SweepPoint[] }) {
  const refused = points.filter((p) => p.maxConnectionsHit);
  return (
    <section aria-labelledby="ld-sweep-title">
      <h2 id="ld-sweep-title">Pool-size sweep</h2>
      <div className="ld-charts">
        <LineChart
          title="Throughput by pool size"
          yLabel="requests per second"
          xLabel="pool size"
          xLog2
          lines={sweepLines(points, (p) => p.throughput)}
          markLabel={REFUSED}
        />
        <LineChart
          title="p95 latency by pool size"
          yLabel="ms"
          xLabel="pool size"
          xLog2
          lines={sweepLines(points, (p) => p.p95)}
          markLabel={REFUSED}
        />
      </div>
      {refused.length ? (
        <p className="warning-box" role="note">
          The database refused connections (SQLSTATE 53300, max_connections reached) at pool size{' '}
          {[...new Set(refused.map((p) => p.poolSize))].join(', ')} (ringed on the charts; its throughput
          counts only the requests that got a connection), so the sweep ended there: larger pools cannot help.
          Raise max_connections or stay below it.
        </p>
      ) : null}
    </section>
  );
}
