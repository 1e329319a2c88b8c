import { formatBytes } from '@gatherscope/shared';
import { useQuery } from '@tanstack/react-query';
import { healthQuery } from '../api/health';
import { connectionStatusQuery, connectionsQuery } from '../connections/api';
import { useCurrentTarget } from '../connections/current-target';

function RiskNote({ warning }: { warning: string | null | undefined }) {
  return warning ? (
    <span className="status-bad" role="note" aria-label="Role warning">
      ⚠ {warning}
    </span>
  ) : null;
}

/** The default database (embedded demo or DATABASE_URL), from /api/health. */
function DefaultDatabase() {
  const { data, error, isPending } = useQuery(healthQuery());
  if (isPending) return <span>Connecting to the database…</span>;
  if (error) return <span className="status-bad">Server unreachable: {error.message}</span>;
  const d = data.database;
  if (!d.reachable)
    return (
      <span className="status-bad">
        Database {d.database} at {d.host}:{d.port} is unreachable: {d.message}
        {d.hint ? ` ${d.hint}` : ''}
      </span>
    );
  return (
    <>
      <span className="status-ok" aria-hidden="true">
        ●
      </span>
      <span>
        {d.embedded ? 'Embedded demo database' : 'Database'} <strong>{d.database}</strong> on {d.host}:
        {d.port}
      </span>
      <span>PostgreSQL {d.serverVersion}</span>
      <span>{formatBytes(d.sizeBytes)}</span>
      <span>user {d.user}</span>
      <RiskNote warning={d.risk?.warning} />
    </>
  );
}

/** A saved connection chosen in a database picker: where it points, and what its database says. */
function SavedConnection({ id }: { id: string }) {
  const list = useQuery(connectionsQuery());
  const status = useQuery(connectionStatusQuery(id));
  const conn = list.data?.connections.find((c) => c.id === id);
  if (list.data && !conn)
    return <span className="status-bad">The chosen connection is no longer saved.</span>;
  const where = conn ? `${conn.host}:${conn.port}` : '';
  const name = conn ? `“${conn.name}”` : 'saved connection';
  if (status.error)
    return (
      <span className="status-bad">
        Saved connection {name} ({where}) is unreachable: {status.error.message}
      </span>
    );
  const t = status.data;
  return (
    <>
      <span className={t ? 'status-ok' : 'muted'} aria-hidden="true">
        ●
      </span>
      <span>
        Saved connection {name}: database <strong>{t?.database ?? conn?.database ?? '…'}</strong>
        {where ? ` on ${where}` : ''}
      </span>
      <span>{t ? `PostgreSQL ${t.serverVersion}` : 'connecting…'}</span>
      {conn ? <span>user {conn.user}</span> : null}
      {conn?.allowWrites ? <span className="status-bad">writes allowed</span> : <span>read-only</span>}
      <RiskNote warning={t?.risk?.warning} />
    </>
  );
}

/** The database the user works on: the one chosen in the last database picker, else the default one. */
export function StatusBar() {
  const target = useCurrentTarget();
  return (
    <footer className="status-bar">
      <div className="status-bar-content" role="status" aria-label="Database status">
        {target.kind === 'connection' ? <SavedConnection id={target.id} /> : <DefaultDatabase />}
      </div>
    </footer>
  );
}
