import {
  type CapturedRequest,
  type CapturedStatement,
  RunSettingsSchema,
  type Span,
  type SpanError,
} from '@gatherscope/shared';
import type { TimelineRun } from '../timeline';

function spanError(s: CapturedStatement): SpanError | undefined {
  if (s.outcome === 'skipped')
    return { kind: 'skipped', message: 'skipped by the server after an earlier error' };
  if (s.outcome === 'cut')
    return { kind: 'connection', message: s.error?.message ?? 'the connection was cut' };
  if (s.error) return { kind: 'query', message: s.error.message, sqlstate: s.error.sqlstate };
  return undefined;
}

/**
 * A captured request as a run of one trial, so the existing timeline draws it: one bar per
 * statement at the time it ran (the gaps between are the app's own time), executing until the first
 * row and reading after, one lane per connection (its backend pid). `labels` names the statements
 * (the graph's names), else their ids.
 */
export function requestTimeline(r: CapturedRequest, labels: Record<string, string> = {}): TimelineRun {
  const statements = [...r.statements].sort((a, b) => a.startMs - b.startMs);
  const name = (s: CapturedStatement) => labels[s.id] ?? s.id;
  const spans: Span[] = statements.map((s) => {
    const start = s.startMs - r.startMs;
    const end = Math.max(start, s.endMs - r.startMs);
    const firstRow = s.firstRowMs === null ? end : Math.min(end, Math.max(start, s.firstRowMs - r.startMs));
    const error = spanError(s);
    return {
      strategy: 'sequential',
      trial: 0,
      queryId: name(s),
      start,
      end,
      phases: [
        { phase: 'executing', start, end: firstRow },
        ...(firstRow < end ? [{ phase: 'reading' as const, start: firstRow, end }] : []),
      ],
      // An imported trace has no pid: its connection number stands in (0 = unknown).
      pid: s.backendPid ?? (s.connection > 0 ? s.connection : null),
      rows: s.rows,
      bytes: s.bytes,
      ...(error ? { error } : {}),
    };
  });
  return {
    workload: {
      name: r.endpoint,
      queries: statements.map((s) => ({ id: name(s), sql: s.sql })),
    },
    settings: RunSettingsSchema.parse({ strategies: ['sequential'], trials: 1, warmup: 0 }),
    trials: [
      {
        strategy: 'sequential',
        trial: 0,
        warmup: false,
        wallMs: r.wallMs,
        spans,
        failed: false,
      },
    ],
    summary: null,
  };
}
