import { strategyInfo } from '@gatherscope/shared';
import { useQuery } from '@tanstack/react-query';
import { ApiRequestError } from '../api/client';
import { runRecordQuery, useLiveRun } from '../api/runs';
import { Link } from '../app/Link';
import { RunSummaryView } from '../embed/RunSummaryView';
import { Timeline, TrialDistribution } from '../timeline';
import { SharePanel } from './SharePanel';
import './history.css';

/** The permalink of a run (`/runs/:id`): the full view, restored from the store, live while it runs. */
export function RunPage({ id }: { id: string }) {
  const live = useLiveRun(id);
  const record = useQuery(runRecordQuery(id));

  if (live.isError) {
    const e = live.error;
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 id="page-title">Run not found</h1>
        <p className="error-box" role="alert">
          {e instanceof ApiRequestError && e.status === 404
            ? `There is no run ${id} here: it may have been deleted.`
            : `The run could not be loaded: ${e.message}`}
        </p>
        <p>
          <Link to="/history">Back to the history</Link>
        </p>
      </section>
    );
  }
  if (!live.data) return <p className="muted">Loading the run…</p>;
  const r = live.data;
  const created = record.data ? new Date(record.data.createdAt).toLocaleString() : '';
  return (
    <section className="page run-page" aria-labelledby="page-title">
      <p className="muted">
        <Link to="/history">History</Link> / run {r.id}
      </p>
      <h1 id="page-title">{r.workload.name}</h1>
      <p className="muted">
        Database <strong>{r.database.name}</strong> (PostgreSQL {r.database.serverVersion}) · {created} ·{' '}
        {r.settings.strategies.map((s) => strategyInfo[s].label).join(', ')} · {r.settings.trials} trials,{' '}
        {r.settings.warmup} warm-up, pool {r.settings.poolSize}, RTT {r.settings.rttMs} ms ·{' '}
        <span className={r.status === 'failed' ? 'status-bad' : undefined}>{r.status}</span>
      </p>
      {r.error && (
        <p className="error-box" role="alert">
          {r.error.message}
          {r.error.hint ? ` ${r.error.hint}` : ''}
        </p>
      )}
      <RunSummaryView summary={r.summary} />
      <Timeline run={r} />
      <h2>Wall time of every trial</h2>
      <TrialDistribution run={r} />
      {record.data && <SharePanel run={record.data} />}
    </section>
  );
}
