import { formatMs, type ReplayStarted } from '@gatherscope/shared';
import { useLiveRun } from '../api/runs';
import { Timeline } from '../timeline';
import { Link } from '../ui/Link';
import { measuredSaving, predictionErrorMs } from './measured';
import { rolledBackSentence } from './write-replay';

/** A replay: an ordinary run, followed live; its measured saving beside the prediction, and its timelines. */
export function ReplayResult({ started }: { started: ReplayStarted }) {
  const { data: run, error } = useLiveRun(started.runId);
  const measured = measuredSaving(run?.summary ?? null);
  const predicted = started.prediction.savingMs;
  const rolledBack = rolledBackSentence(started.writes, started.rolledBack);
  return (
    <section className="replay-result" aria-label="Replay">
      <p>
        Replay run <Link to={`/runs/${encodeURIComponent(started.runId)}`}>{started.runId}</Link>
        {run?.status === 'running' ? ' · running…' : ''}
      </p>
      {rolledBack && <p className="muted">{rolledBack}</p>}
      {error && (
        <p className="error-box" role="alert">
          {error.message}
        </p>
      )}
      <dl className="replay-numbers">
        <dt>Predicted saving</dt>
        <dd>{formatMs(predicted)} per request</dd>
        <dt>Measured saving</dt>
        <dd>
          {measured
            ? `${formatMs(measured.savingMs)} per request (sequential ${formatMs(measured.sequentialMs)} → dependency-aware ${formatMs(measured.gatheredMs)})`
            : run?.status === 'running'
              ? 'measuring…'
              : 'not measured (the run has no successful sequential and dependency-aware trials)'}
        </dd>
        {measured && (
          <>
            <dt>Prediction error</dt>
            <dd>{formatMs(predictionErrorMs(predicted, measured))}</dd>
          </>
        )}
      </dl>
      {run?.summary && <p className="verdict">{run.summary.verdict}</p>}
      {run && run.trials.length > 0 && <Timeline run={run} live={run.status === 'running'} />}
    </section>
  );
}
