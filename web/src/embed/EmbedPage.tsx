import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { ApiRequestError } from '../api/client';
import { useLiveRun } from '../api/runs';
import { SummaryView } from '../profile/SummaryView';
import { Timeline } from '../timeline';
import { heightReporter } from './messages';
import './embed.css';

/**
 * A run for an iframe: its timelines and summary, read-only, sized to the frame's width. It can
 * never start a run and shows the database by name only. The framing page learns its height.
 */
export function EmbedPage({ runId }: { runId: string }) {
  const run = useLiveRun(runId);
  const rootRef = useRef<HTMLDivElement>(null);
  const reporter = useMemo(() => heightReporter(window.parent, runId), [runId]);
  const loaded = run.data !== undefined || run.isError;

  useLayoutEffect(() => {
    const el = rootRef.current;
    if (!el || window.parent === window) return;
    const ro = new ResizeObserver(() => reporter.height(el.getBoundingClientRect().height));
    ro.observe(el);
    return () => ro.disconnect();
  }, [reporter]);
  useEffect(() => {
    const el = rootRef.current;
    if (loaded && el && window.parent !== window) reporter.ready(el.getBoundingClientRect().height);
  }, [loaded, reporter]);

  let body: React.ReactNode;
  if (run.isError) {
    const e = run.error;
    body = (
      <p className="error-box" role="alert">
        {e instanceof ApiRequestError && e.status === 404
          ? 'This run does not exist any more on this Gatherscope.'
          : `The run could not be loaded: ${e.message}`}
      </p>
    );
  } else if (!run.data) {
    body = <p className="muted">Loading the run…</p>;
  } else {
    const r = run.data;
    body = (
      <>
        <header className="embed-header">
          <h1>{r.workload.name}</h1>
          <p className="muted">
            {r.database.name} · {r.settings.trials} trials · {r.status === 'running' ? 'running…' : r.status}
            {' · '}
            <a href={`/runs/${encodeURIComponent(r.id)}`} target="_blank" rel="noopener">
              Open in Gatherscope
            </a>
          </p>
        </header>
        {r.summary ? (
          <SummaryView summary={r.summary} />
        ) : (
          <p className="muted">No statistics: the run did not complete.</p>
        )}
        <Timeline run={r} />
      </>
    );
  }
  return (
    <main className="embed" ref={rootRef} aria-label="Gatherscope run">
      {body}
    </main>
  );
}
