import type { LoadModel, LoadSecond, StrategyName } from '@gatherscope/shared';
import { errorLines, generatorNotes, lagP95, metricLines, okRequests, percentileLines } from './chart-data';
import type { LineSeries } from './chart-layout';
import { LineChart } from './LineChart';

interface LiveChart {
  title: string;
  yLabel: string;
  lines: LineSeries[];
  /** What an empty chart says once seconds have arrived (before that: waiting). */
  none?: string;
}

/** The per-second charts, one line per strategy, each strategy's phase starting at second 1. */
export function LiveCharts({
  series,
  strategies,
  model,
  ended,
}: {
  series: readonly LoadSecond[];
  strategies: readonly StrategyName[];
  model: LoadModel['kind'];
  /** The test is over: no second will come, so an empty chart says why instead of waiting. */
  ended: boolean;
}) {
  const per = (value: (s: LoadSecond) => number | null) => metricLines(series, strategies, value);
  const charts: LiveChart[] = [
    {
      title: 'Throughput',
      yLabel: 'successful requests per second, as the final req/s',
      lines: per(okRequests),
    },
    {
      title: 'Latency p50 · p95 · p99',
      yLabel: 'ms of successful requests; dotted p50, solid p95, dashed p99; a gap where none succeeded',
      lines: percentileLines(series, strategies),
    },
    {
      title: 'Errors by SQLSTATE',
      yLabel: 'per second, one line per error group and strategy',
      lines: errorLines(series, strategies),
      none: 'No errors.',
    },
    ...(model === 'open'
      ? [
          {
            title: 'Schedule lag p95',
            yLabel: "ms from a request's scheduled start to its real start",
            lines: per(lagP95),
          },
          {
            title: 'Dropped',
            yLabel: 'requests per second that could not start within the lag budget',
            lines: per((s) => s.dropped),
          },
        ]
      : []),
    {
      title: 'Database connections',
      yLabel: 'backends of the test in pg_stat_activity',
      lines: per((s) => s.dbConnections),
    },
    {
      title: 'Load generator threads',
      yLabel: '% of the second the busiest thread ran code; at 90% and above the generator is the limit',
      lines: per((s) => Math.round(s.generatorBusy * 100)),
    },
    { title: 'Gatherscope CPU', yLabel: '% of one core, all threads', lines: per((s) => s.cpuPercent) },
    { title: 'Gatherscope memory', yLabel: 'RSS, MB', lines: per((s) => s.rssMb) },
  ];
  const waiting = ended
    ? series.length
      ? 'No data.'
      : 'No full second of data: each phase ended in under 1 s; see the results table.'
    : 'Waiting for the first full second…';
  const notes = generatorNotes(series, strategies);
  return (
    <div className="ld-charts">
      {notes.map((n) => (
        <p key={n} className="warning-box" role="note">
          {n}
        </p>
      ))}
      {charts.map((c) => (
        <LineChart
          key={c.title}
          title={c.title}
          yLabel={c.yLabel}
          lines={c.lines}
          empty={series.length && c.none ? c.none : waiting}
        />
      ))}
    </div>
  );
}
