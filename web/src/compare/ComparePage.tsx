import {
  formatChange,
  formatMs,
  formatSpeedup,
  type Judgement,
  MIN_PRACTICAL_GAIN_MS,
  NONE,
  type RunRecord,
  savingSentence,
  strategyInfo,
} from '@gatherscope/shared';
import { useQuery } from '@tanstack/react-query';
import { runListQuery, runRecordQuery } from '../api/runs';
import { statusLabel } from '../history/status';
import { buildPanels } from '../timeline/panels';
import { Timeline } from '../timeline/Timeline';
import { navigate, useLocation } from '../ui/router';
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

/** B against A by the shared verdict rule, in words: significant, practical, or neither. */
function significanceText(j: Judgement | undefined): string {
  if (!j) return 'too few trials to tell';
  switch (j.verdictClass) {
    case 'faster':
    case 'unexplained':
    case 'slower':
      return `yes: B ${savingSentence(j.savingMs)}`;
    case 'no-practical-difference':
      return j.practical
        ? `no practical difference shown (the interval allows under ${MIN_PRACTICAL_GAIN_MS} ms per request)`
        : `no practical difference (under ${MIN_PRACTICAL_GAIN_MS} ms per request${j.significant ? ', though statistically significant' : ''})`;
    case 'not-significant':
      return 'no: within the noise (the 95% interval includes no change)';
    case 'too-noisy':
      return 'no: too noisy to tell (the 95% interval is wider than half the estimate)';
  }
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
      {differences.length > 0 && (
        <div className="warning-box cmp-differences">
          <p>These runs were not measured alike, so part of each delta may come from:</p>
          <ul>
            {differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      )}
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
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col">Δ (B − A)</th>
              <th scope="col">Δ %</th>
              <th scope="col">Significant?</th>
              <th scope="col">Speedup A</th>
              <th scope="col">Speedup B</th>
            </tr>
          </thead>
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
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              <th scope="col">Query</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col">Δ (B − A)</th>
              <th scope="col">Δ %</th>
            </tr>
          </thead>
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
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const aId = params.get('a') ?? '';
  const bId = params.get('b') ?? '';
  const list = useQuery(runListQuery());
  const a = useQuery({ ...runRecordQuery(aId), enabled: Boolean(aId) });
  const b = useQuery({ ...runRecordQuery(bId), enabled: Boolean(bId) });
  const choose = (key: 'a' | 'b', id: string) => {
    const next = new URLSearchParams(search);
    if (id) next.set(key, id);
    else next.delete(key);
    navigate(`/compare?${next.toString()}`, { replace: true });
  };
  const runs = list.data?.runs.filter((r) => r.status !== 'running') ?? [];
  const picker = (key: 'a' | 'b', value: string) => (
    <label className="pf-field">
      <span>Run {key.toUpperCase()}</span>
      <select value={value} onChange={(e) => choose(key, e.target.value)}>
        <option value="">choose a run…</option>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {new Date(r.createdAt).toLocaleString()} · {r.workloadName} · {r.database.label}
            {r.rttMs ? ` · RTT ${r.rttMs} ms` : ''}
            {r.status === 'completed' ? '' : ` · ${statusLabel[r.status]}`}
          </option>
        ))}
      </select>
    </label>
  );
  const err = list.error ?? a.error ?? b.error;
  return (
    <section className="page cmp" aria-labelledby="page-title">
      <h1 id="page-title">Compare runs</h1>
      <p className="lead">
        Two runs side by side: how much each strategy and each query changed from A to B.
      </p>
      <div className="cmp-pickers">
        {picker('a', aId)}
        {picker('b', bId)}
      </div>
      {err ? <p className="error-box">{err.message}</p> : null}
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
      ) : (
        <p className="muted">Choose two finished runs.</p>
      )}
    </section>
  );
}
