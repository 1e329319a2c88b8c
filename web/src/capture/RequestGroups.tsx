import { type CapturedRequest, formatCount, formatMs } from '@gatherscope/shared';
import { useMemo, useState } from 'react';
import { groupRequests, serialLine } from './groups';

const ROWS = 50;

/**
 * Captured requests grouped by endpoint, ranked by the time their statements spent waiting one after
 * another: "/dashboard · 5 requests · median 41 ms · 5 statements, all serial". Each request opens
 * on its timeline.
 */
export function RequestGroups({
  requests,
  open,
  onOpen,
}: {
  requests: readonly CapturedRequest[];
  open: string | null;
  onOpen: (id: string | null) => void;
}) {
  const groups = useMemo(() => groupRequests(requests), [requests]);
  // A busy endpoint has thousands of requests: its latest ones are listed until the user asks for all.
  const [all, setAll] = useState<Set<string>>(new Set());
  if (groups.length === 0)
    return (
      <p className="muted" role="status">
        No requests yet. A request appears when it closes: when its trace, or its connection, has been quiet
        for a moment.
      </p>
    );
  return (
    <div className="capture-groups">
      {groups.map((g) => (
        <section key={g.endpoint} className="capture-group" aria-label={`Endpoint ${g.endpoint}`}>
          <h2>
            {g.endpoint} · {formatCount(g.requests.length, 'request')} · median {formatMs(g.medianWallMs)} ·{' '}
            {formatCount(g.medianStatements, 'statement')}
            {g.allSerial ? ', all serial' : ''}
          </h2>
          {g.byPause && (
            <p className="muted capture-by-pause">
              Grouped by pause, not by request: the app does not tag its SQL with a trace, so statements were
              split where a connection went quiet. Two page views sharing a pooled connection can land in one
              group.
            </p>
          )}
          <table className="data capture-requests">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Statements</th>
                <th scope="col">Wall</th>
                <th scope="col">Database</th>
                <th scope="col">App (between statements)</th>
                <th scope="col">Connections</th>
                <th scope="col">
                  <span className="visually-hidden">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(all.has(g.endpoint) ? g.requests : g.requests.slice(-ROWS)).map((r) => (
                <tr key={r.id} aria-selected={open === r.id}>
                  <th scope="row">{r.tags.route ?? r.id}</th>
                  <td>{serialLine(r)}</td>
                  <td>{formatMs(r.wallMs)}</td>
                  <td>{formatMs(r.dbMs)}</td>
                  <td>{formatMs(Math.max(0, r.wallMs - r.dbMs))}</td>
                  <td>{r.connections.length}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => onOpen(open === r.id ? null : r.id)}
                      aria-label={`${open === r.id ? 'Close' : 'Open'} request ${r.id} (${r.endpoint})`}
                    >
                      {open === r.id ? 'Close' : 'Open'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {g.requests.length > ROWS && !all.has(g.endpoint) && (
            <button type="button" onClick={() => setAll(new Set([...all, g.endpoint]))}>
              Show all {g.requests.length} requests (the latest {ROWS} are listed)
            </button>
          )}
        </section>
      ))}
    </div>
  );
}
