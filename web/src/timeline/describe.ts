import { formatCount, formatMs, phaseDurations, type Span, strategyInfo } from '@gatherscope/shared';
import { phaseStyle } from './phases';

/** One line a screen reader reads for a bar: query, duration, strategy and trial, outcome, connection. */
export function describeSpan(s: Span): string {
  // Numbered as the trial picker numbers them.
  const trial = s.trial < 0 ? `warm-up trial ${s.trial}` : `trial ${s.trial}`;
  const parts = [
    `${s.queryId}: ${formatMs(s.end - s.start)}`,
    `${strategyInfo[s.strategy].label} ${trial}`,
    `from ${formatMs(s.start)}`,
  ];
  const d = phaseDurations(s.phases);
  for (const [phase, v] of Object.entries(d)) {
    parts.push(`${phaseStyle[phase as keyof typeof phaseStyle].label} ${formatMs(v)}`);
  }
  parts.push(s.pid === null ? 'no connection' : `pid ${s.pid}`);
  if (s.error) parts.push(`failed: ${s.error.message}`);
  else parts.push(formatCount(s.rows, 'row'));
  return parts.join(', ');
}
