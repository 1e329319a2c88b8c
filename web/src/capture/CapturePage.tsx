import type { DatabaseTarget } from '@gatherscope/shared';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorText } from '../api/client';
import { DatabasePicker } from '../connections/DatabasePicker';
import { navigate } from '../ui/router';
import { startCapture } from './api';
import { CaptureView } from './CaptureView';
import { ImportTraceButton } from './ImportTraceButton';
import './capture.css';

/**
 * Capture: record what a real application asks its database. Start gives the URL to point the app
 * at; the requests appear live, grouped by endpoint; a request opens on its timeline.
 */
export function CapturePage({ id }: { id?: string | undefined }) {
  if (id) return <CaptureView id={id} />;
  return <StartCapture />;
}

function StartCapture() {
  const [target, setTarget] = useState<DatabaseTarget>({ kind: 'default' });
  const [gapMs, setGapMs] = useState(100);
  const gapId = useId();
  const start = useMutation({
    mutationFn: () => startCapture({ target, gapMs }),
    onSuccess: (c) => navigate(`/capture/${encodeURIComponent(c.id)}`),
  });
  return (
    <section className="page capture" aria-labelledby="page-title">
      <h1 id="page-title">Capture</h1>
      <p className="muted">
        Gatherscope listens on a loopback port as a pass-through PostgreSQL proxy. Point your app's database
        URL at it, use the slow page a few times, and see each request's statements as they ran. Nothing
        changes in the app but its database address.
      </p>
      <form
        className="capture-start"
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <DatabasePicker value={target} onChange={setTarget} label="Capture" />
        <label htmlFor={gapId}>Untagged statements: a pause of</label>
        <input
          id={gapId}
          type="number"
          min={1}
          max={60000}
          value={gapMs}
          onChange={(e) => setGapMs(Number(e.target.value) || 100)}
        />
        <span className="muted">ms on a connection starts a new request</span>
        <div>
          <button type="submit" className="primary" disabled={start.isPending}>
            {start.isPending ? 'Starting…' : 'Start capture'}
          </button>
        </div>
        {start.error && (
          <p className="error-box" role="alert">
            {errorText(start.error)}
          </p>
        )}
      </form>
      <ImportTraceButton />
    </section>
  );
}
