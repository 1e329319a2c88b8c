import type { Capture } from '@gatherscope/shared';
import { fmtMs, renderTable } from './table';

/** The endpoints of a capture, ranked by the time their statements spent waiting for each other. */
export function endpointsTable(c: Capture): string {
  if (c.endpoints.length === 0) return 'No statements were captured.';
  const rows = c.endpoints.map((e) => [
    e.endpoint.length > 60 ? `${e.endpoint.slice(0, 59)}…` : e.endpoint,
    String(e.requests),
    fmtMs(e.medianWallMs),
    fmtMs(e.medianDbMs),
    String(e.medianStatements),
    e.allSerial ? 'all' : 'some',
    fmtMs(e.totalSerialMs),
  ]);
  return renderTable(
    ['endpoint', 'requests', 'median ms', 'db ms', 'statements', 'serial', 'waiting ms (sum)'],
    rows,
  );
}

export function captureSummary(c: Capture): string {
  const n = c.counts;
  const lines = [`${n.statements} statements in ${n.requests} requests over ${n.connections} connections.`];
  const byGap = c.requests.filter((r) => r.groupedBy === 'gap').length;
  if (byGap)
    lines.push(
      `${byGap} request(s) were grouped by pauses of ${c.gapMs} ms on a connection, not by request: tag the app's SQL (docs/capture.md).`,
    );
  if (n.droppedStatements)
    lines.push(
      `${n.droppedStatements} statements (${n.droppedRequests} oldest requests) dropped by the memory cap.`,
    );
  for (const cut of c.cuts)
    lines.push(`connection ${cut.connection} at ${fmtMs(cut.atMs)} ms: ${cut.reason}`);
  lines.push(
    'waiting ms: database time the statements of each request spent waiting for each other (one after another), summed over its requests.',
  );
  return lines.join('\n');
}
