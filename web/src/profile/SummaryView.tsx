import {
  formatMs,
  formatPercent,
  formatSpeedup,
  formatSpeedupRange,
  NONE,
  type RunSummary,
  strategyInfo,
} from '@gatherscope/shared';
import { theoryModel } from '../timeline/markers';
import { StabilityLine } from './StabilityLine';
import '../ui/forms.css';

/** Speedup over sequential with its interval, theory against achieved, and the verdict sentence. */
export function SummaryView({
  summary,
  dependencies = false,
}: {
  summary: RunSummary;
  dependencies?: boolean;
}) {
  return (
    <section className="pf-summary" aria-labelledby="pf-summary-title">
      <h2 id="pf-summary-title">Summary</h2>
      <p className="pf-verdict">{summary.verdict}</p>
      {summary.stability ? <StabilityLine stability={summary.stability} /> : null}
      <div className="pf-table-wrap">
        <table className="data pf-stats">
          <caption className="visually-hidden">Statistics per strategy</caption>
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              <th scope="col">Median wall</th>
              <th scope="col">p95</th>
              <th scope="col">Speedup vs sequential (95% CI)</th>
              <th scope="col">
                Model time <br />
                <span className="muted">(own query times)</span>
                <sup>*</sup>
              </th>
              <th scope="col">
                Model speedup <br />
                <span className="muted">(sequential's query times)</span>
                <sup>*</sup>
              </th>
              <th scope="col">
                Efficiency <br />
                <span className="muted">(model / achieved)</span>
              </th>
              <th scope="col">Failed trials</th>
            </tr>
          </thead>
          <tbody>
            {summary.strategies.map((s) => {
              const model = theoryModel(s.strategy, summary.theory.boundedK, dependencies);
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
                      {s.failedTrials > 0
                        ? 'no successful trial: every measured trial failed'
                        : 'not measured (stopped before its first trial)'}
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
                        <strong>{formatSpeedup(s.speedup.estimate)}</strong>{' '}
                        <span className="muted">({formatSpeedupRange(s.speedup.low, s.speedup.high)})</span>
                      </>
                    ) : (
                      NONE
                    )}
                  </td>
                  <td title={`model: ${model}`}>{formatMs(s.theoreticalMs)}</td>
                  <td>{theorySpeedup !== undefined ? formatSpeedup(theorySpeedup) : NONE}</td>
                  <td>{formatPercent(s.efficiency)}</td>
                  <td>{s.failedTrials}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {/* The two model columns use different query costs on purpose; say so, or they look contradictory. */}
      <p className="pf-note muted">
        <sup>*</sup> Both columns apply each strategy's model (sum, max — with dependencies the sum of each
        wave's max —, critical path, k at a time, or one round trip per wave plus the sum for pipelined) to
        query times. <em>Model time</em> uses this strategy's own median query times, so Efficiency compares
        it with what the strategy achieved. <em>Model speedup</em> uses the same query times for every
        strategy (sequential's, when it ran), as the verdict's "theory" does, so a strategy whose queries ran
        slower can show a longer model time yet a higher model speedup.
      </p>
    </section>
  );
}
