import { formatCount, type RunStatus, strategyInfo } from '@gatherscope/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { errorText } from '../api/client';
import { runKeys } from '../api/runs';
import { loadKeys } from '../load/api';
import { Link } from '../ui/Link';
import { navigate } from '../ui/router';
import {
  captureHistoryQuery,
  deleteHistoryItem,
  loadTestListQuery,
  rerunLoadTest,
  rerunProfile,
  runHistoryQuery,
} from './api';
import { compareHref, isPicked, noPick, type Picked, pick } from './compare-pick';
import { ImportRunButton } from './ImportRunButton';
import {
  describeFilter,
  filterHistory,
  type HistoryFilter,
  type HistoryItem,
  kindNames,
  mergeHistory,
  noFilter,
} from './items';
import { type Problem, rerunProblem } from './rerun-problem';
import { statusLabel } from './status';
import './history.css';

const statuses: RunStatus[] = ['completed', 'running', 'cancelled', 'failed'];

/** Every profile run and load test, newest first: filter, search, open, re-run, delete, import. */
export function HistoryPage() {
  const client = useQueryClient();
  const runs = useQuery(runHistoryQuery());
  const loads = useQuery(loadTestListQuery());
  const captures = useQuery(captureHistoryQuery());
  const [filter, setFilter] = useState<HistoryFilter>(noFilter);
  const [confirming, setConfirming] = useState<string | null>(null);
  // Two runs or two load tests picked for a compare page, in the order they were picked.
  const [picked, setPicked] = useState<Picked>(noPick);
  const togglePick = (i: HistoryItem) => setPicked((p) => pick(p, i));
  const [problem, setProblem] = useState<Problem | null>(null);
  const ids = { search: useId(), kind: useId(), status: useId() };

  const all = useMemo(
    () => mergeHistory(runs.data ?? [], loads.data ?? [], captures.data ?? []),
    [runs.data, loads.data, captures.data],
  );
  const shown = filterHistory(all, filter);

  const remove = useMutation({
    mutationFn: (i: HistoryItem) => deleteHistoryItem(i.kind, i.id),
    onSuccess: (_r, i) => {
      setConfirming(null);
      setProblem(null);
      void client.invalidateQueries({
        queryKey: i.kind === 'profile' ? runKeys.all : i.kind === 'load' ? loadKeys.all : ['captures'],
      });
    },
    onError: (e) => setProblem({ text: `Could not delete: ${errorText(e)}` }),
  });
  const rerun = useMutation({
    mutationFn: async (i: HistoryItem) =>
      i.kind === 'profile'
        ? `/runs/${(await rerunProfile(i.id)).id}`
        : `/load/${(await rerunLoadTest(i.id)).id}`,
    onSuccess: (href) => navigate(href),
    onError: (e, i) => setProblem(rerunProblem(e, i)),
  });

  return (
    <section className="page history" aria-labelledby="page-title">
      <h1 id="page-title">History</h1>
      <search className="history-controls" aria-label="Filter history">
        <label htmlFor={ids.search}>Search</label>
        <input
          id={ids.search}
          type="search"
          placeholder="workload, database, strategy, result…"
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.target.value })}
        />
        <label htmlFor={ids.kind}>Kind</label>
        <select
          id={ids.kind}
          value={filter.kind}
          onChange={(e) => setFilter({ ...filter, kind: e.target.value as HistoryFilter['kind'] })}
        >
          <option value="all">All</option>
          <option value="profile">Profile runs</option>
          <option value="load">Load tests</option>
          <option value="capture">Captures</option>
        </select>
        <label htmlFor={ids.status}>Status</label>
        <select
          id={ids.status}
          value={filter.status}
          onChange={(e) => setFilter({ ...filter, status: e.target.value as HistoryFilter['status'] })}
        >
          <option value="all">Any</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {statusLabel[s]}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={picked.ids.length !== 2}
          title="Tick two profile runs, or two load tests"
          onClick={() => navigate(compareHref(picked))}
        >
          Compare selected ({picked.ids.length}/2)
        </button>
        <ImportRunButton onError={(text) => setProblem(text === null ? null : { text })} />
      </search>
      {problem && (
        <p className="error-box" role="alert">
          {problem.text}
          {problem.link && (
            <>
              {' '}
              <Link to={problem.link.href}>{problem.link.label}</Link>
            </>
          )}
        </p>
      )}
      {runs.isError && (
        <p className="error-box" role="alert">
          Profile runs could not be listed: {errorText(runs.error)}
        </p>
      )}
      {loads.isError && (
        <p className="warning-box">Load tests could not be listed: {errorText(loads.error)}</p>
      )}
      {captures.isError && (
        <p className="warning-box">Captures could not be listed: {errorText(captures.error)}</p>
      )}
      {runs.isPending ? (
        <p className="muted">Loading…</p>
      ) : all.length === 0 ? (
        <p className="muted">
          Nothing yet. Runs from the <Link to="/profile">Profile</Link> page and tests from the{' '}
          <Link to="/load">Load test</Link> page appear here.
        </p>
      ) : shown.length === 0 ? (
        <p className="muted history-no-match" role="status">
          No runs match {describeFilter(filter)} (of {all.length}).{' '}
          <button type="button" onClick={() => setFilter(noFilter)}>
            Clear filter
          </button>
        </p>
      ) : (
        <table className="data history-table">
          <caption className="muted">
            {shown.length === all.length
              ? formatCount(all.length, 'run')
              : `${shown.length} of ${all.length} runs`}
            , newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
              <th scope="col">Workload</th>
              <th scope="col" className="history-wide">
                Kind
              </th>
              <th scope="col" className="history-wide">
                Database
              </th>
              <th scope="col" className="history-wide">
                Strategies
              </th>
              <th scope="col">Date</th>
              <th scope="col">Result</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={`${i.kind}/${i.id}`} className={`status-${i.status}`}>
                <td>
                  {i.kind !== 'capture' && i.status !== 'running' ? (
                    <input
                      type="checkbox"
                      checked={isPicked(picked, i)}
                      onChange={() => togglePick(i)}
                      aria-label={`Compare ${i.workloadName} from ${new Date(i.createdAt).toLocaleString()}`}
                    />
                  ) : null}
                </td>
                <th scope="row">
                  <Link to={i.href}>{i.workloadName}</Link>
                  {/* On narrow screens the Kind, Database and Strategies columns fold into this line. */}
                  <span className="history-narrow muted">
                    {kindLabel(i)}
                    {i.details ? ` (${i.details})` : ''} · {i.databaseName}
                    {i.imported ? ' · imported' : ''} ·{' '}
                    {i.kind === 'capture'
                      ? 'recorded traffic'
                      : i.strategies.length === 1
                        ? '1 strategy'
                        : `${i.strategies.length} strategies`}
                  </span>
                </th>
                <td className="history-wide">
                  {kindLabel(i)}
                  {i.details ? <span className="muted history-details">{i.details}</span> : null}
                </td>
                <td className="history-wide">
                  {i.databaseName}
                  {i.imported ? (
                    <span
                      className="muted"
                      title="Measured by another Gatherscope and imported here: Re-run runs it on this install's database."
                    >
                      {' '}
                      · imported
                    </span>
                  ) : null}
                </td>
                <td className="history-wide">{i.strategies.map((s) => strategyInfo[s].label).join(', ')}</td>
                <td>
                  <time dateTime={i.createdAt}>{new Date(i.createdAt).toLocaleString()}</time>
                </td>
                <td className="history-result">
                  {i.status !== 'completed' && (
                    <span className={`status-badge status-badge-${i.status}`}>{statusLabel[i.status]}</span>
                  )}
                  {i.headline}
                </td>
                <td className="history-actions">
                  {confirming === `${i.kind}/${i.id}` ? (
                    <>
                      <button
                        type="button"
                        className="danger"
                        onClick={() => remove.mutate(i)}
                        disabled={remove.isPending}
                      >
                        Confirm delete
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </>
                  ) : (
                    <>
                      <button
                        type="button"
                        onClick={() => rerun.mutate(i)}
                        hidden={i.kind === 'capture'}
                        disabled={rerun.isPending || i.status === 'running'}
                        aria-label={`Re-run ${i.workloadName} from ${new Date(i.createdAt).toLocaleString()}${i.imported ? " (imported: runs on this install's database)" : ''}`}
                      >
                        Re-run
                      </button>
                      <button
                        type="button"
                        onClick={() => setConfirming(`${i.kind}/${i.id}`)}
                        disabled={i.status === 'running'}
                        aria-label={`Delete ${i.workloadName} from ${new Date(i.createdAt).toLocaleString()}`}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const kindLabel = (i: HistoryItem) => (i.kind === 'profile' ? 'Profile' : kindNames[i.kind]);
