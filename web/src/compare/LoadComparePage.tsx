import {
  formatChange,
  formatInteger,
  formatMs,
  formatRate,
  type LoadSecond,
  type LoadTestRecord,
  strategyInfo,
} from '@gatherscope/shared';
import { loadTestListQuery } from '../history/api';
import { statusLabel } from '../history/status';
import { generatorNotes, okRequests } from '../load/chart-data';
import { LineChart } from '../load/LineChart';
import { Link } from '../ui/Link';
import { CompareFrame, DeltaHead, DifferencesNote, usePairRecords } from './CompareFrame';
import { shareText, significanceText, TOO_FEW_SECONDS, throughputText } from './call-text';
import { loadDifferences } from './differences';
import { loadRecordQuery } from './load-api';
import { type LoadStrategyDelta, loadStrategyDeltas, type MetricDelta } from './load-deltas';
import { overlayLines } from './load-overlay';
import '../load/load.css';
import './compare.css';
import '../ui/forms.css';

interface Row {
  measure: string;
  d: MetricDelta<unknown>;
  say: (v: number) => string;
  /** The call says B is better (green) or worse (red); unset when it is not meaningful. */
  better: boolean | undefined;
  text: string;
}

const signed = (v: number | undefined, say: (v: number) => string) =>
  v === undefined ? '–' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${say(Math.abs(v))}`;

function rows(d: LoadStrategyDelta): Row[] {
  const t = d.throughput.call;
  const latency = (key: 'p50' | 'p95' | 'p99'): Row => {
    const j = d[key].call;
    const meaningful = j && ['faster', 'slower', 'unexplained'].includes(j.verdictClass);
    return {
      measure: `Latency ${key}`,
      d: d[key],
      say: formatMs,
      better: meaningful ? j.savingMs > 0 : undefined,
      text: significanceText(j, TOO_FEW_SECONDS),
    };
  };
  const count = (key: 'errors' | 'dropped', what: 'errors' | 'dropped requests'): Row => {
    const c = d[key].call;
    return {
      measure: key === 'errors' ? 'Errors' : 'Dropped',
      d: d[key],
      say: formatInteger,
      better: c === 'higher' ? false : c === 'lower' ? true : undefined,
      text: shareText(c, what),
    };
  };
  return [
    {
      measure: 'Throughput',
      d: d.throughput,
      say: (v) => formatRate(v),
      better: t && t.verdict !== 'not-significant' ? t.verdict === 'higher' : undefined,
      text: throughputText(t),
    },
    latency('p50'),
    latency('p95'),
    latency('p99'),
    count('errors', 'errors'),
    count('dropped', 'dropped requests'),
  ];
}

function StrategyTable({ d }: { d: LoadStrategyDelta }) {
  const label = strategyInfo[d.strategy].label;
  return (
    <section aria-labelledby={`lcmp-${d.strategy}`}>
      <h3 id={`lcmp-${d.strategy}`}>{label}</h3>
      <p className="muted">
        Meaningful or not, from each test's variation second to second: {d.seconds.a} full second
        {d.seconds.a === 1 ? '' : 's'} in A, {d.seconds.b} in B.
      </p>
      <table className="data" aria-label={`${label}: A against B`}>
        <DeltaHead lead={['Measure']} after={['Meaningful?']} />
        <tbody>
          {rows(d).map((r) => {
            const cls = r.better === undefined ? '' : r.better ? 'cmp-faster' : 'cmp-slower';
            return (
              <tr key={r.measure}>
                <th scope="row">{r.measure}</th>
                <td>{r.d.a === undefined ? '–' : r.say(r.d.a)}</td>
                <td>{r.d.b === undefined ? '–' : r.say(r.d.b)}</td>
                <td className={cls}>{signed(r.d.diff, r.say)}</td>
                <td className={cls}>{formatChange(r.d.ratio)}</td>
                <td>{r.text}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

const overlays: { title: string; yLabel: string; value: (s: LoadSecond) => number | null }[] = [
  { title: 'Throughput, A and B', yLabel: 'successful requests per second', value: okRequests },
  ...(['p50', 'p95', 'p99'] as const).map((key) => ({
    title: `Latency ${key}, A and B`,
    yLabel: 'ms of successful requests; a gap where none succeeded',
    value: (s: LoadSecond) => (okRequests(s) > 0 ? s[key] : null),
  })),
];

function Comparison({ a, b }: { a: LoadTestRecord; b: LoadTestRecord }) {
  const differences = loadDifferences(a, b);
  const notes = (['A', 'B'] as const).flatMap((k, i) => {
    const t = [a, b][i]!;
    return generatorNotes(t.series, t.settings.strategies).map((n) => `Test ${k}: ${n}`);
  });
  return (
    <>
      <DifferencesNote lines={differences} noun="load test" />
      {[a, b].some((t) => t.status !== 'completed') && (
        <p className="muted">
          {[a, b]
            .map((t, i) =>
              t.status === 'completed' ? '' : `Test ${i === 0 ? 'A' : 'B'} is ${statusLabel[t.status]}`,
            )
            .filter(Boolean)
            .join('; ')}
          : its numbers cover only what was measured before it ended.
        </p>
      )}
      {notes.map((n) => (
        <p key={n} className="warning-box" role="note">
          {n}
        </p>
      ))}
      <section aria-labelledby="lcmp-strategies">
        <h2 id="lcmp-strategies">Per strategy</h2>
        {loadStrategyDeltas(a, b).map((d) => (
          <StrategyTable key={d.strategy} d={d} />
        ))}
      </section>
      <OverlayCharts a={a} b={b} />
    </>
  );
}

/** Both tests' seconds on the same charts, each strategy in its colour. */
const OverlayCharts = ({ a, b }: { a: LoadTestRecord; b: LoadTestRecord }) => (
  <section aria-labelledby="lcmp-series">
    <h2 id="lcmp-series">Second by second (A solid, B dashed)</h2>
    <div className="ld-charts">
      {overlays.map((c) => (
        <LineChart key={c.title} title={c.title} yLabel={c.yLabel} lines={overlayLines(a, b, c.value)} />
      ))}
    </div>
  </section>
);

/** Compare two load tests: per strategy, throughput, latency, errors and dropped, side by side. */
export function LoadComparePage() {
  const { pair, a, b, list } = usePairRecords('/compare/load', loadRecordQuery, loadTestListQuery());
  const empty = [a.data, b.data].flatMap((t, i) =>
    t && t.results.length === 0 ? [`Test ${i === 0 ? 'A' : 'B'} (${statusLabel[t.status]})`] : [],
  );
  return (
    <CompareFrame
      title="Compare load tests"
      lead={
        <>
          Two load tests side by side: how each strategy's throughput, latency, errors and dropped requests
          changed from A to B, and whether each change stands out from the tests' own second-to-second
          variation. To compare profile runs, see <Link to="/compare">Compare runs</Link>.
        </>
      }
      noun="load test"
      items={list.data ?? []}
      describe={(t) => [t.workloadName, t.databaseName, t.details ?? '']}
      pair={pair}
      error={list.error ?? a.error ?? b.error}
    >
      {a.data && b.data ? (
        empty.length ? (
          <p className="warning-box">
            {empty.join(' and ')} has no results: it was stopped or failed before any strategy finished.
          </p>
        ) : (
          <Comparison a={a.data} b={b.data} />
        )
      ) : null}
    </CompareFrame>
  );
}
