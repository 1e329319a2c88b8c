import { formatCount, hasDependencies } from '@gatherscope/shared';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { stopRun, useLiveRun } from '../api/runs';
import { Timeline } from '../timeline/Timeline';
import { TrialDistribution } from '../timeline/TrialDistribution';
import type { TrialChoice } from '../timeline/types';
import { Link } from '../ui/Link';
import { FailedQueries } from './FailedQueries';
import { SummaryView } from './SummaryView';
import { settingsLine } from './settings-line';
import '../ui/forms.css';

const statusText = {
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Stopped',
  failed: 'Failed',
} as const;

/** A run as it streams in and after: progress, Stop, the summary, the timelines and the trial distribution. */
export function RunView({
  id,
  onTrialChoice,
  permalink = false,
}: {
  id: string;
  /** Link to the run's permalink page, where it is shared and exported (not on that page itself). */
  permalink?: boolean;
  /** Told when the user picks another trial in the timelines (the run page's image exports follow it). */
  onTrialChoice?: (choice: TrialChoice) => void;
}) {
  const { data: run, error, stream } = useLiveRun(id);
  const stop = useMutation({ mutationFn: () => stopRun(id) });
  // Stop disappears when the run ends: the focus moves to the run's status instead of the page's top.
  const statusRef = useRef<HTMLSpanElement>(null);
  const stopPressed = useRef(false);
  const ended = run !== undefined && run.status !== 'running';
  useEffect(() => {
    if (!ended || !stopPressed.current) return;
    stopPressed.current = false;
    // Only if the focus was lost with the button, never taken from where the user put it since.
    if (!document.activeElement || document.activeElement === document.body) statusRef.current?.focus();
  }, [ended]);
  if (error) return <p className="error-box">{error.message}</p>;
  if (!run) return <p aria-busy="true">Loading the run…</p>;

  const measured = run.trials.filter((t) => !t.warmup && t.wallMs > 0).length;
  const total = run.settings.trials * run.settings.strategies.length;
  const spans = run.trials.reduce((n, t) => n + t.spans.length, 0);
  return (
    <section className="pf-run" aria-labelledby="pf-run-title">
      <div className="pf-run-head">
        <h2 id="pf-run-title">
          {run.workload.name} <span className="muted">on {run.database.label}</span>
        </h2>
        {/* Only the state is a live region: counts that change every frame would flood a screen reader. */}
        <p className={`pf-run-status pf-status-${run.status}`}>
          <span role="status" aria-label="Run status" tabIndex={-1} ref={statusRef}>
            {statusText[run.status]}
            {stream.state === 'reconnecting' ? ', reconnecting…' : ''}
          </span>{' '}
          · {measured}/{total} trials · {formatCount(spans, 'span')}
        </p>
        {run.status === 'running' ? (
          <button
            type="button"
            onClick={() => {
              stopPressed.current = true;
              stop.mutate();
            }}
            disabled={stop.isPending}
          >
            {stop.isPending ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <span className="pf-run-links">
            {permalink ? (
              <Link to={`/runs/${encodeURIComponent(run.id)}`}>Permalink · share and export</Link>
            ) : null}
            <Link to={`/compare?a=${encodeURIComponent(run.id)}`}>Compare with another run</Link>
          </span>
        )}
      </div>
      <p className="pf-run-settings muted">{settingsLine(run)}</p>
      {stream.state === 'invalid' ? (
        <p className="error-box">The run stream sent something unexpected: {stream.detail}</p>
      ) : null}
      {run.error ? (
        <p className="error-box" role="alert">
          {run.error.message}
          {run.error.hint ? `\n${run.error.hint}` : ''}
        </p>
      ) : null}
      <FailedQueries run={run} live={run.status === 'running'} />
      {run.summary ? (
        <SummaryView summary={run.summary} dependencies={hasDependencies(run.workload)} />
      ) : run.status === 'cancelled' ? (
        <p className="warning-box">
          Stopped before the end: this run has no statistics. The timelines below show what was measured.
        </p>
      ) : null}
      <h3 className="pf-section-title">Execution timelines</h3>
      <Timeline run={run} live={run.status === 'running'} onChoice={onTrialChoice} />
      {measured > 0 ? <TrialDistribution run={run} live={run.status === 'running'} /> : null}
    </section>
  );
}
