import { type ExcludedRun, formatChange, formatCount, formatMs, formatPercent } from '@gatherscope/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from '../ui/Link';
import { modelChecksQuery } from './api';
import { medianAbsError } from './chart';

/** Runs the model cannot be fitted to, counted by reason. */
function ExcludedRuns({ excluded }: { excluded: readonly ExcludedRun[] }) {
  const byReason = new Map<string, number>();
  for (const e of excluded) byReason.set(e.reason, (byReason.get(e.reason) ?? 0) + 1);
  return (
    <div className="muted small">
      <p>
        {formatCount(excluded.length, 'completed run')} left out: the model cannot be fitted to{' '}
        {excluded.length === 1 ? 'it' : 'them'}.
      </p>
      <ul aria-label="Runs left out of the model check">
        {[...byReason].map(([reason, n]) => (
          <li key={reason}>
            {formatCount(n, 'run')}: {reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** How far the model was from the medians of the user's own stored runs. */
export function ModelTrust() {
  const q = useQuery(modelChecksQuery());
  if (q.isPending) return <p className="muted">Loading your runs…</p>;
  if (q.isError)
    return (
      <div className="error-box" role="alert">
        {q.error.message}
      </div>
    );
  const rows = q.data.checks.flatMap((c) => c.rows.map((r) => ({ ...r, check: c })));
  // Fitted rows predict the very medians they were fitted from: they would pull the error toward 0.
  const predicted = rows.filter((r) => !r.fitted);
  const fitted = rows.length - predicted.length;
  const overall = medianAbsError(predicted.map((r) => r.error));
  const excluded = q.data.excluded;
  return (
    <section className="model-trust" aria-labelledby="trust-title">
      <h3 id="trust-title">Prediction error on your runs</h3>
      {rows.length === 0 ? (
        <p className="muted">
          {excluded.length === 0 ? 'No completed runs yet.' : 'No run the model can be checked against yet.'}{' '}
          Run a workload on the <Link to="/profile">Profile</Link> page (with the sequential strategy): each
          run’s medians are compared here with what the model predicts from its per-query times.
        </p>
      ) : (
        <>
          <p>
            {overall === null ? (
              <>No strategy median predicted yet (only fitted ones): add a concurrent or bounded strategy.</>
            ) : (
              <>
                Median absolute error over {predicted.length} predicted strategy median
                {predicted.length === 1 ? '' : 's'} of {q.data.checks.length} run
                {q.data.checks.length === 1 ? '' : 's'}: <strong>{formatPercent(overall, 1)}</strong>
              </>
            )}
          </p>
          {fitted > 0 && (
            <p className="muted small">
              {fitted} sequential median{fitted === 1 ? ' is' : 's are'} left out of that number: the model
              takes its per-query times from the run’s own sequential per-query medians, so its sequential
              prediction is their sum and says nothing about the model. It still differs from the measured
              trial median by a few percent: the median of a sum is not the sum of the medians (trial-to-trial
              noise), and a trial also spends time between its queries. They are listed below as “fitted”.
            </p>
          )}
          <div className="table-scroll">
            <table className="data" aria-label="Model predictions against measured runs">
              <thead>
                <tr>
                  <th scope="col">Run</th>
                  <th scope="col">Strategy</th>
                  <th scope="col">RTT</th>
                  <th scope="col">Predicted</th>
                  <th scope="col">Measured median</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, 40).map((r) => (
                  <tr key={`${r.check.runId}-${r.strategy}`}>
                    <td>
                      <Link to={`/runs/${r.check.runId}`}>{r.check.workload}</Link>
                    </td>
                    <td>{r.strategy}</td>
                    <td>{r.check.rttMs} ms</td>
                    <td>{formatMs(r.predictedMs)}</td>
                    <td>{formatMs(r.measuredMs)}</td>
                    <td className={!r.fitted && Math.abs(r.error) > 0.15 ? 'status-bad' : ''}>
                      {formatChange(r.error)}
                      {r.fitted ? ' (fitted)' : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {excluded.length > 0 && <ExcludedRuns excluded={excluded} />}
    </section>
  );
}
