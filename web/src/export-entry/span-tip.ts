import {
  formatBytes,
  formatMs,
  phaseDurations,
  type RunRecord,
  type Span,
  strategyInfo,
} from '@gatherscope/shared';
import { phaseStyle } from '../timeline/phases';

/** Lines of the tooltip of one span: what the app's timeline shows on hover, as plain text. */
export function spanTipLines(span: Span, workload: RunRecord['workload']): string[] {
  const sql = workload.queries.find((q) => q.id === span.queryId)?.sql ?? '';
  const lines = [
    `${span.queryId} · ${strategyInfo[span.strategy].label} · trial ${span.trial}`,
    `duration ${formatMs(span.end - span.start)} (from ${formatMs(span.start)} to ${formatMs(span.end)})`,
  ];
  const durations = phaseDurations(span.phases);
  for (const [phase, style] of Object.entries(phaseStyle) as [
    keyof typeof phaseStyle,
    (typeof phaseStyle)[keyof typeof phaseStyle],
  ][]) {
    const d = durations[phase];
    if (d !== undefined) lines.push(`${style.label}: ${formatMs(d)}`);
  }
  lines.push(
    `${span.rows} row${span.rows === 1 ? '' : 's'}, ${formatBytes(span.bytes)}, ${span.pid === null ? 'no connection' : `pid ${span.pid}`}`,
  );
  if (span.error)
    lines.push(
      `error (${span.error.kind}${span.error.sqlstate ? ` ${span.error.sqlstate}` : ''}): ${span.error.message}`,
    );
  if (sql) lines.push(sql.length > 400 ? `${sql.slice(0, 400)}…` : sql);
  return lines;
}
