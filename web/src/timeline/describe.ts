import { formatCount, formatMs, phaseDurations, type Span } from '@gatherscope/shared';
import { phaseStyle } from './phases';

/** One line a screen reader reads for a bar: query, duration, outcome, connection. */
export function describeSpan(s: Span): string {
  const parts = [`${s.queryId}: ${formatMs(s.end - s.start)}`, `from ${formatMs(s.start)}`];
  const d = phaseDurations(s.phases);
  for (const [phase, v] of Object.entries(d)) {
    parts.push(`${phaseStyle[phase as keyof typeof phaseStyle].label} ${formatMs(v)}`);
  }
  parts.push(s.pid === null ? 'no connection' : `pid ${s.pid}`);
  if (s.error) parts.push(`failed: ${s.error.message}`);
  else parts.push(formatCount(s.rows, 'row'));
  return parts.join(', ');
}
