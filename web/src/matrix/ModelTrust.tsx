import { useQuery } from '@tanstack/react-query';
import { formatMs } from '../app/format';
import { Link } from '../app/Link';
import { modelChecksQuery } from './api';
import { medianAbsError } from './chart';

const pct = (e: number) => `${e >= 0 ? '+' : '−'}${Math.abs(e * 100).toFixed(1)}%`;

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
  const overall = medianAbsError(rows.map((r) => r.error));
  return (
    <section className="model-trust" aria-labelledby="trust-title">
      <h3 id="trust-title">Prediction error on your runs</h3>
      {rows.length === 0 ? (
        <p className="muted">
          No completed runs yet. Run a workload on the <Link to="/profile">Profile</Link> page: each run’s
          medians are compared here with what the model predicts from its per-query times.
        </p>
      ) : (
        <>
          <p>
            Median absolute error over {rows.length} strategy medians of {q.data.checks.length} run
            {q.data.checks.length === 1 ? '' : 's'}: <strong>{((overall ?? 0) * 100).toFixed(1)}%</strong>
          </p>
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
                    <td className={Math.abs(r.error) > 0.15 ? 'status-bad' : ''}>{pct(r.error)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
