import { hasDependencies } from '@gatherscope/shared';
import { useLiveRun } from '../api/runs';
import { FailedQueries } from '../profile/FailedQueries';
import { SummaryView } from '../profile/SummaryView';
import { Timeline } from '../timeline';
import { EmbedFrame } from './EmbedFrame';

/**
 * A run for an iframe: its timelines and summary, read-only, sized to the frame's width. It can
 * never start a run and shows the database by name only. The framing page learns when the run is
 * drawn (or why it cannot be), then its height.
 */
export function EmbedPage({ runId }: { runId: string }) {
  const run = useLiveRun(runId);
  return (
    <EmbedFrame id={runId} what="run" data={run.data} error={run.isError ? run.error : null}>
      {(r) => (
        <>
          <header className="embed-header">
            <h1>{r.workload.name}</h1>
            <p className="muted">
              {r.database.name} · {r.settings.trials} trials ·{' '}
              {r.status === 'running' ? 'running…' : r.status}
              {' · '}
              <a href={`/runs/${encodeURIComponent(r.id)}`} target="_blank" rel="noopener">
                Open in Gatherscope
              </a>
            </p>
          </header>
          {r.summary ? (
            <SummaryView summary={r.summary} dependencies={hasDependencies(r.workload)} />
          ) : (
            <p className="muted">No statistics: the run did not complete.</p>
          )}
          <FailedQueries run={r} live={r.status === 'running'} />
          <Timeline run={r} />
        </>
      )}
    </EmbedFrame>
  );
}
