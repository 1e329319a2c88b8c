import { formatBytes } from '@gatherscope/shared';
import { useQuery } from '@tanstack/react-query';
import { healthQuery } from '../api/health';

export function StatusBar() {
  const { data, error, isPending } = useQuery(healthQuery());
  let content: React.ReactNode;
  if (isPending) content = <span>Connecting to the database…</span>;
  else if (error) content = <span className="status-bad">Server unreachable: {error.message}</span>;
  else if (!data.database.reachable) {
    const d = data.database;
    content = (
      <span className="status-bad">
        Database {d.database} at {d.host}:{d.port} is unreachable: {d.message}
        {d.hint ? ` ${d.hint}` : ''}
      </span>
    );
  } else {
    const d = data.database;
    content = (
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
        {d.risk?.warning ? (
          <span className="status-bad" role="note" aria-label="Role warning">
            ⚠ {d.risk.warning}
          </span>
        ) : null}
      </>
    );
  }
  return (
    <footer className="status-bar">
      <div className="status-bar-content" role="status" aria-label="Database status">
        {content}
      </div>
    </footer>
  );
}
