import { formatCount } from '@gatherscope/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../api/client';
import { ConfirmButton } from '../ui/ConfirmButton';
import { Link } from '../ui/Link';
import { navigate } from '../ui/router';
import { captureKeys, deleteCapture, exportUrl, stopCapture, useLiveCapture } from './api';
import { EndpointsView } from './EndpointsView';
import { statementCount } from './live';
import { RequestDetail } from './RequestDetail';
import { RequestGroups } from './RequestGroups';

/** One capture: live while it records, then stored (History); requests by endpoint, or endpoints by saving. */
export function CaptureView({ id }: { id: string }) {
  const client = useQueryClient();
  const { data: c, error, isPending } = useLiveCapture(id);
  const [tab, setTab] = useState<'requests' | 'endpoints'>('requests');
  const [open, setOpen] = useState<string | null>(null);
  const stop = useMutation({ mutationFn: () => stopCapture(id) });
  const remove = useMutation({
    mutationFn: () => deleteCapture(id),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: captureKeys.all, exact: true });
      navigate('/history');
    },
  });
  if (isPending) return <p className="page muted">Loading the capture…</p>;
  if (error || !c)
    return (
      <section className="page capture">
        <h1 id="page-title">Capture</h1>
        <p className="error-box" role="alert">
          {errorText(error)} <Link to="/capture">Start a capture</Link>
        </p>
      </section>
    );
  const running = c.status === 'running';
  const imported = c.source !== 'proxy';
  const request = open ? c.requests.find((r) => r.id === open) : undefined;
  const url = c.appUrl ?? c.listenUrl;
  const openStatements = Object.values(c.open).reduce((n, l) => n + l.length, 0);
  return (
    <section className="page capture" aria-labelledby="page-title">
      <h1 id="page-title">{imported ? `Imported trace ${c.fileName ?? ''}` : 'Capture'}</h1>
      <p>
        <span className={`status-badge status-badge-${c.status}`}>{running ? 'Recording' : c.status}</span>
      </p>
      {imported ? (
        <p className="warning-box">
          Imported from a {c.source === 'otlp' ? 'OTLP' : 'Jaeger'} trace: one request per trace. A trace has
          no result data, so dependencies come from timing and SQL only (transactions, writes), not from the
          values statements passed to each other.
        </p>
      ) : running ? (
        <div className="capture-url">
          <p>
            Give your app this database URL
            {c.appUrl ? '' : ' (it keeps its own password: authentication passes through)'}:
          </p>
          <p className="capture-url-line">
            <input
              readOnly
              aria-label="Database URL for the app"
              value={url}
              onFocus={(e) => e.target.select()}
            />{' '}
            <button type="button" onClick={() => void navigator.clipboard?.writeText(url)}>
              Copy
            </button>
          </p>
          <p className="muted">
            Writes pass through: it is your app's own traffic, and inserts, updates and deletes reach{' '}
            {c.database?.label ?? 'the database'} as they would without Gatherscope. Gatherscope adds no
            statement of its own. The proxy listens on 127.0.0.1 only.
          </p>
          <button type="button" className="danger" onClick={() => stop.mutate()} disabled={stop.isPending}>
            {stop.isPending ? 'Stopping…' : 'Stop capture'}
          </button>
        </div>
      ) : (
        <p className="muted">
          Recorded on {c.database?.label ?? 'the database'}; kept in <Link to="/history">History</Link>.
        </p>
      )}
      {c.error && !running && (
        <p className="warning-box">
          {c.error.message} {c.error.hint}
        </p>
      )}
      {(stop.error || remove.error) && (
        <p className="error-box" role="alert">
          {errorText(stop.error ?? remove.error)}
        </p>
      )}
      <p className="capture-counts" role="status">
        {formatCount(c.requests.length, 'request')} · {formatCount(statementCount(c), 'statement')}
        {!imported && ` · ${formatCount(c.connections, 'connection')}`}
        {openStatements > 0 && ` · ${formatCount(openStatements, 'statement')} in requests still open`}
        {c.cutConnections > 0 && ` · ${formatCount(c.cutConnections, 'connection')} cut`}
        {c.droppedStatements > 0 &&
          ` · ${formatCount(c.droppedStatements, 'statement')} dropped (memory cap)`}
      </p>
      {!running && (
        <div className="capture-actions">
          <a href={exportUrl(id, false)} download>
            Export JSON
          </a>
          <a href={exportUrl(id, true)} download>
            Export JSON (redacted)
          </a>
          <ConfirmButton
            confirmLabel="Confirm delete"
            question="Delete this capture?"
            onConfirm={() => remove.mutate()}
          >
            Delete
          </ConfirmButton>
        </div>
      )}
      <fieldset className="capture-tabs">
        <legend className="visually-hidden">View</legend>
        <button type="button" aria-pressed={tab === 'requests'} onClick={() => setTab('requests')}>
          Requests
        </button>
        <button type="button" aria-pressed={tab === 'endpoints'} onClick={() => setTab('endpoints')}>
          Endpoints
        </button>
      </fieldset>
      {tab === 'requests' && running && Object.keys(c.open).length > 0 && (
        <ul className="capture-open" aria-label="Requests in progress">
          {Object.entries(c.open).map(([rid, list]) => (
            <li key={rid}>
              {list[0]?.tags.route ?? rid}: {formatCount(list.length, 'statement')} so far, last{' '}
              <code>{(list.at(-1)?.sql ?? '').slice(0, 80)}</code>
            </li>
          ))}
        </ul>
      )}
      {tab === 'requests' ? (
        <RequestGroups requests={c.requests} open={open} onOpen={setOpen} />
      ) : (
        <EndpointsView captureId={id} measuredRttMs={c.rttMs} />
      )}
      {tab === 'requests' && request && (
        <RequestDetail
          captureId={id}
          request={request}
          running={running}
          measuredRttMs={c.rttMs}
          basis={imported ? 'timing' : 'data'}
        />
      )}
    </section>
  );
}
