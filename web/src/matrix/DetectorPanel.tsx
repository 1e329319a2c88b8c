import { type DetectorReport, formatMs } from '@gatherscope/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError } from '../api/client';
import { completedRunsQuery, confirmSaving, consecutiveQuery } from './api';

function Findings({ report }: { report: DetectorReport }) {
  if (report.findings.length === 0) {
    return (
      <p>
        No consecutive queries worth overlapping in this run: no run of two or more independent SELECTs over
        30 ms saving at least 100 ms and 10% of the request.
      </p>
    );
  }
  const first = report.findings[0]!;
  return (
    <>
      <p>
        <strong>{report.findings.length}</strong> trial{report.findings.length === 1 ? '' : 's'} ran{' '}
        {first.queryIds.join(' → ')} one after another although {first.parallelizable.join(', ')} depend on
        nothing else in that sequence. Predicted saving:{' '}
        <strong>{formatMs(report.predictedSavingMs ?? 0)}</strong> per request (median over those trials).
      </p>
      <table className="data" aria-label="Consecutive queries found">
        <thead>
          <tr>
            <th scope="col">Trial</th>
            <th scope="col">Queries in a row</th>
            <th scope="col">Total</th>
            <th scope="col">Saving</th>
          </tr>
        </thead>
        <tbody>
          {report.findings.slice(0, 10).map((f) => (
            <tr key={`${f.strategy}-${f.trial}-${f.queryIds.join()}`}>
              <td>
                {f.strategy} #{f.trial + 1}
              </td>
              <td>{f.queryIds.join(', ')}</td>
              <td>{formatMs(f.totalMs)}</td>
              <td>{formatMs(f.savingMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Pick a stored run, see which queries ran back to back needlessly, and measure what overlapping saves. */
export function DetectorPanel() {
  const runs = useQuery(completedRunsQuery());
  const [picked, setPicked] = useState('');
  const runId = picked || runs.data?.[0]?.id || '';
  const report = useQuery({ ...consecutiveQuery(runId), enabled: runId !== '' });
  const confirm = useMutation({ mutationFn: () => confirmSaving(runId) });
  const confirmed = confirm.data?.runId === runId ? confirm.data.confirmation : null;
  const err = confirm.error instanceof ApiRequestError ? confirm.error : null;
  return (
    <section aria-labelledby="detector-title">
      <h2 id="detector-title">Consecutive-query detector</h2>
      <p className="muted">
        Sentry’s rule (two or more SELECTs in a row, each independent one over 30 ms, saving at least 100 ms
        and 10% of the request; saving = total − max(longest independent, sum of the others)), with
        independence taken from the workload’s real dependencies instead of guessed from SQL text.
      </p>
      {runs.isError && (
        <div className="error-box" role="alert">
          {runs.error.message}
        </div>
      )}
      {runs.data && runs.data.length === 0 && (
        <p className="muted">No completed runs yet: profile a workload first.</p>
      )}
      {runs.data && runs.data.length > 0 && (
        <label className="slider">
          <span>Run</span>
          <select
            value={runId}
            onChange={(e) => {
              setPicked(e.target.value);
              confirm.reset();
            }}
          >
            {runs.data.map((r) => (
              <option key={r.id} value={r.id}>
                {r.workloadName} · {r.strategies.join(', ')} · RTT {r.rttMs} ms ·{' '}
                {new Date(r.createdAt).toLocaleString()}
              </option>
            ))}
          </select>
        </label>
      )}
      {report.isError && (
        <div className="error-box" role="alert">
          {report.error.message}
        </div>
      )}
      {report.data && (
        <div className="card detector-report" aria-live="polite">
          <Findings report={report.data} />
          {report.data.findings.length > 0 && (
            <p>
              <button type="button" onClick={() => confirm.mutate()} disabled={confirm.isPending}>
                {confirm.isPending ? 'Measuring…' : 'Confirm by measuring'}
              </button>{' '}
              <span className="muted small">
                runs the workload sequential vs dependency-aware, 10 trials each, read-only, on the run’s own
                database; not while a preset runs
              </span>
            </p>
          )}
          {confirmed && (
            <p role="status">
              Measured saving: <strong>{formatMs(confirmed.measuredSavingMs)}</strong> (sequential{' '}
              {formatMs(confirmed.sequentialMs)} → dependency-aware {formatMs(confirmed.dependencyAwareMs)},
              median of {confirmed.trials} trials) against {formatMs(report.data.predictedSavingMs ?? 0)}{' '}
              predicted.
            </p>
          )}
          {confirm.error && (
            <div className="error-box" role="alert">
              {confirm.error.message}
              {err?.hint ? `\n${err.hint}` : ''}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
