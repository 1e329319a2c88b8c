import type { Span, Workload } from '@gatherscope/shared';
import type { PanelLayout, RowMode, SpanBar, TimelineRow } from './types';

const NO_CONNECTION = 'none';

function spanKey(s: Span): string {
  return `${s.strategy}/${s.trial}/${s.queryId}`;
}

/**
 * Places spans on rows. Per query: one row per query in workload order (queries seen in spans but
 * missing from the workload go last). Per connection: one row per backend pid in order of first
 * use, so a single connection's serial execution lands on one row.
 */
export function layoutPanel(
  spans: readonly Span[],
  workload: Pick<Workload, 'queries'>,
  mode: RowMode,
): PanelLayout {
  const rows: TimelineRow[] = [];
  const index = new Map<string, number>();
  const addRow = (key: string, label: string) => {
    if (!index.has(key)) {
      index.set(key, rows.length);
      rows.push({ key, label });
    }
    return index.get(key)!;
  };

  const ordered = [...spans].sort((a, b) => a.start - b.start || a.queryId.localeCompare(b.queryId));
  if (mode === 'query') {
    for (const q of workload.queries) addRow(q.id, q.id);
  }
  const bars: SpanBar[] = [];
  let endMs = 0;
  for (const s of ordered) {
    let row: number;
    if (mode === 'query') row = addRow(s.queryId, s.queryId);
    else if (s.pid === null) row = addRow(NO_CONNECTION, 'no connection');
    else row = addRow(String(s.pid), `pid ${s.pid}`);
    bars.push({ span: s, row, key: spanKey(s) });
    endMs = Math.max(endMs, s.end);
  }
  if (mode === 'connection') {
    // On a shared connection, the spans queued behind others overlap them with their waiting phase.
    // Painting the last to get the connection first and the first last leaves every executing phase
    // visible on top: the connection's serial work reads left to right. A pipeline's spans all got
    // the connection at once and end one after another: the first answered is painted last.
    bars.sort((a, b) => acquiredAt(b.span) - acquiredAt(a.span) || b.span.end - a.span.end);
  }
  return { rows, bars, endMs };
}

/** When a span got its connection: the end of its waiting, or its start when it did not wait. */
export function acquiredAt(s: Span): number {
  return s.phases.reduce((t, p) => (p.phase === 'waiting' ? Math.max(t, p.end) : t), s.start);
}

/** Number of distinct backend connections that served the spans (null pids not counted). */
export function connectionCount(spans: readonly Span[]): number {
  return new Set(spans.flatMap((s) => (s.pid === null ? [] : [s.pid]))).size;
}
