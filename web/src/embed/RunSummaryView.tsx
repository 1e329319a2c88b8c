import { type RunSummary, strategyInfo } from '@gatherscope/shared';
import { formatMs } from '../app/format';

const times = (n: number) => `${n.toFixed(2)}×`;

/** The server's statistics of a run: verdict, then per strategy median, p95, speedup with its CI, theory. */
export function RunSummaryView({ summary }: { summary: RunSummary | null }) {
  if (!summary) return <p className="muted">No statistics: the run did not complete.</p>;
  return (
    <section className="run-summary" aria-label="Summary">
      <p className="run-verdict">{summary.verdict}</p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Strategy</th>
            <th scope="col">Median</th>
            <th scope="col">p95</th>
            <th scope="col">Speedup vs sequential</th>
            <th scope="col">Theory</th>
            <th scope="col">Efficiency</th>
            <th scope="col">Trials</th>
          </tr>
        </thead>
        <tbody>
          {summary.strategies.map((s) => (
            <tr key={s.strategy}>
              <th scope="row">{strategyInfo[s.strategy].label}</th>
              <td>{formatMs(s.wallMs.median)}</td>
              <td>{formatMs(s.wallMs.p95)}</td>
              <td>
                {s.speedup ? (
                  <>
                    {times(s.speedup.estimate)}{' '}
                    <span className="muted">
                      (95% CI {times(s.speedup.low)}–{times(s.speedup.high)})
                    </span>
                  </>
                ) : (
                  '–'
                )}
              </td>
              <td>{formatMs(s.theoreticalMs)}</td>
              <td>{Math.round(s.efficiency * 100)}%</td>
              <td>
                {s.wallMs.n}
                {s.failedTrials ? <span className="status-bad"> ({s.failedTrials} failed)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
