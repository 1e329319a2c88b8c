import {
  formatChange,
  formatMs,
  formatSpeedup,
  NONE,
  type RunRecord,
  strategyInfo,
} from '@gatherscope/shared';
import { runListQuery, runRecordQuery } from '../api/runs';
import { statusLabel } from '../history/status';
import { buildPanels } from '../timeline/panels';
import { Timeline } from '../timeline/Timeline';
import { CompareFrame, DeltaHead, DifferencesNote, usePairRecords } from './CompareFrame';
import { significanceText } from './call-text';
import { type Delta, hasFailures, queryDeltas, type Side, strategyDeltas } from './deltas';
import { runDifferences } from './differences';
import './compare.css';
import '../ui/forms.css';

function SideCell({ side, unit }: { side: Side; unit: 'span' | 'trial' }) {
  const what = `${side.failed} failed ${unit}${side.failed === 1 ? '' : 's'}`;
  if (side.broken)
    return (
      <td className="cmp-failed" title={`Never succeeded: ${what}`}>
        failed ({side.failed})
      </td>
    );
  if (side.noMedian)
    return (
      <td
        className="muted"
        title="This query never failed, but every trial it was in failed on another query first."
      >
        no median (its trials failed on other queries)
      </td>
    );
  if (side.ms === undefined) return <td>–</td>;
  return (
    <td>
      {formatMs(side.ms)}
      {side.failed > 0 ? (
        <span className="cmp-warn" title={`${what}: the median leaves them out`}>
          {' '}
          ⚠ <span className="visually-hidden">{what}</span>
        </span>
      ) : null}
    </td>
  );
}

function DeltaCells({ d, unit }: { d: Delta; unit: 'span' | 'trial' }) {
  const cls =
    d.ratio === undefined ? '' : d.ratio < -0.02 ? 'cmp-faster' : d.ratio > 0.02 ? 'cmp-slower' : '';
  const warn = hasFailures(d) && d.diff !== undefined ? ' ⚠' : '';
  return (
    <>
      <SideCell side={d.a} unit={unit} />
      <SideCell side={d.b} unit={unit} />
      <td className={cls}>
        {d.diff === undefined
          ? '–'
          : `${d.diff > 0 ? '+' : d.diff < 0 ? '−' : ''}${formatMs(Math.abs(d.diff))}${warn}`}
      </td>
      <td className={cls}>{formatChange(d.ratio)}</td>
    </>
  );
}

function Tables({ a, b }: { a: RunRecord; b: RunRecord }) {
  const strategies = strategyDeltas(a, b);
  const queries = queryDeltas(a, b);
  // Both timelines on one scale: the longer median trial sets it.
  const domain = Math.max(
    buildPanels(a, 'query', { kind: 'median' }).domainEndMs,
    buildPanels(b, 'query', { kind: 'median' }).domainEndMs,
  );
  const differences = runDifferences(a, b);
  return (
    <>
      <DifferencesNote lines={differences} noun="run" />
      {[a, b].some((r) => r.status !== 'completed') && (
        <p className="muted">
          {(['A', 'B'] as const)
            .map((k, i) => ({ k, r: [a, b][i]! }))
            .filter(({ r }) => r.status !== 'completed')
            .map(({ k, r }) => `Run ${k} is ${statusLabel[r.status]}`)
            .join('; ')}
          : its statistics cover only what was measured before it ended.
        </p>
      )}
      <section aria-labelledby="cmp-strategies">
        <h2 id="cmp-strategies">Per strategy: median wall time</h2>
        <table className="data">
          <DeltaHead lead={['Strategy']} after={['Significant?', 'Speedup A', 'Speedup B']} />
          <tbody>
            {strategies.map((d) => (
              <tr key={d.strategy}>
                <th scope="row">{strategyInfo[d.strategy].label}</th>
                <DeltaCells d={d} unit="trial" />
                <td>{significanceText(d.judgement)}</td>
                <td>{d.speedupA === undefined ? NONE : formatSpeedup(d.speedupA)}</td>
                <td>{d.speedupB === undefined ? NONE : formatSpeedup(d.speedupB)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="cmp-queries">
        <h2 id="cmp-queries">Per query: median duration</h2>
        <table className="data">
          <DeltaHead lead={['Strategy', 'Query']} />
          <tbody>
            {queries.map((d) => (
              <tr key={`${d.strategy}/${d.queryId}`}>
                <td>{strategyInfo[d.strategy].label}</td>
                <th scope="row" className="mono">
                  {d.queryId}
                </th>
                <DeltaCells d={d} unit="span" />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="cmp-timelines">
        <h2 id="cmp-timelines">Median trials on one time axis</h2>
        <div className="cmp-timelines">
          {[
            { key: 'A', run: a },
            { key: 'B', run: b },
          ].map(({ key, run }) => (
            <section key={key} aria-label={`Run ${key} timelines`}>
              <h3>
                Run {key}: {run.workload.name} · {new Date(run.createdAt).toLocaleString()}
                {run.settings.rttMs ? ` · RTT ${run.settings.rttMs} ms` : ''}
              </h3>
              <Timeline run={run} minDomainMs={domain} />
            </section>
          ))}
        </div>
      </section>
    </>
  );
}

/** Compare two runs by duration: per-strategy and per-query deltas, side by side. */
export function ComparePage() {
  const { pair, a, b, list } = usePairRecords('/compare', runRecordQuery, runListQuery());
  return (
    <CompareFrame
      title="Compare runs"
      lead="Two runs side by side: how much each strategy and each query changed from A to B."
      noun="run"
      items={list.data?.runs ?? []}
      describe={(r) => [r.workloadName, r.database.label, r.rttMs ? `RTT ${r.rttMs} ms` : '']}
      pair={pair}
      error={list.error ?? a.error ?? b.error}
    >
      {a.data && b.data ? (
        a.data.summary && b.data.summary ? (
          <Tables a={a.data} b={b.data} />
        ) : (
          <p className="warning-box">
            {[a.data, b.data]
              .map((r, i) => (r.summary ? '' : `Run ${i === 0 ? 'A' : 'B'} (${statusLabel[r.status]})`))
              .filter(Boolean)
              .join(' and ')}{' '}
            has no statistics: it was stopped or failed before the end.
          </p>
        )
      ) : null}
    </CompareFrame>
  );
}
