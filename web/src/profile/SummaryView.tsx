import { type RunSummary, strategyInfo } from '@gatherscope/shared';
import { formatMs } from '../app/format';
import { theoryModel } from '../timeline/markers';
import './profile.css';

const x = (v: number) => `${v.toFixed(v >= 10 ? 0 : 1)}x`;

/** Speedup over sequential with its interval, theory against achieved, and the verdict sentence. */
export function SummaryView({ summary }: { summary: RunSummary }) {
  return (
    <section className="pf-summary" aria-labelledby="pf-summary-title">
      <h2 id="pf-summary-title">Summary</h2>
      <p className="pf-verdict">{summary.verdict}</p>
      <div className="pf-table-wrap">
        <table className="data pf-stats">
          <caption className="visually-hidden">Statistics per strategy</caption>
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              <th scope="col">Median wall</th>
              <th scope="col">p95</th>
              <th scope="col">Speedup vs sequential (95% CI)</th>
              <th scope="col">Theory</th>
              <th scope="col">Theory speedup</th>
              <th scope="col">Efficiency</th>
              <th scope="col">Failed trials</th>
            </tr>
          </thead>
          <tbody>
            {summary.strategies.map((s) => {
              const model = theoryModel(s.strategy, summary.theory.boundedK);
              // The verdict's "theory": runs recorded before the server kept it fall back to the ratio.
              const theorySpeedup =
                s.theoreticalSpeedup ??
                (s.theoreticalMs > 0 ? summary.theory.sumMs / s.theoreticalMs : undefined);
              const label = strategyInfo[s.strategy].label;
              // Statistics come from successful trials only: without one there is nothing to show.
              if (s.wallMs.n === 0)
                return (
                  <tr key={s.strategy}>
                    <th scope="row">{label}</th>
                    <td colSpan={6} className="pf-error pf-no-stats">
                      no successful trial: every measured trial failed
                    </td>
                    <td>{s.failedTrials}</td>
                  </tr>
                );
              return (
                <tr key={s.strategy}>
                  <th scope="row">{label}</th>
                  <td>{formatMs(s.wallMs.median)}</td>
                  <td>{formatMs(s.wallMs.p95)}</td>
                  <td>
                    {s.speedup ? (
                      <>
                        <strong>{x(s.speedup.estimate)}</strong>{' '}
                        <span className="muted">
                          ({x(s.speedup.low)}–{x(s.speedup.high)})
                        </span>
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td title={`model: ${model}`}>{formatMs(s.theoreticalMs)}</td>
                  <td>{theorySpeedup !== undefined ? x(theorySpeedup) : '–'}</td>
                  <td>{`${Math.round(s.efficiency * 100)}%`}</td>
                  <td>{s.failedTrials}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
