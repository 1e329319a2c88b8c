import type { RunEvent, RunRecord, Span, Trial } from '@gatherscope/shared';

/** A run as the browser knows it: a stored record, grown event by event while it streams in. */
export type LiveRun = Pick<
  RunRecord,
  'id' | 'status' | 'workload' | 'settings' | 'database' | 'trials' | 'summary' | 'error'
> & {
  /** Id of the last SSE event applied: replays and reconnects skip what is already here. */
  lastEventId: number;
};

export function liveFromRecord(r: RunRecord): LiveRun {
  return {
    id: r.id,
    status: r.status,
    workload: r.workload,
    settings: r.settings,
    database: r.database,
    trials: r.trials,
    summary: r.summary,
    error: r.error,
    lastEventId: 0,
  };
}

function upsertTrial(
  trials: Trial[],
  strategy: Trial['strategy'],
  n: number,
  patch: (t: Trial) => Trial,
): Trial[] {
  const i = trials.findIndex((t) => t.strategy === strategy && t.trial === n);
  if (i === -1) {
    const fresh: Trial = { strategy, trial: n, warmup: n < 0, wallMs: 0, spans: [], failed: false };
    return [...trials, patch(fresh)];
  }
  const next = trials.slice();
  next[i] = patch(trials[i]!);
  return next;
}

function addSpan(t: Trial, s: Span): Trial {
  const spans = t.spans.filter((x) => x.queryId !== s.queryId);
  spans.push(s);
  return { ...t, spans, failed: t.failed || Boolean(s.error) };
}

/**
 * Applies one SSE event. Pure and idempotent by event id, so the same function serves the first
 * connection, a reconnect that replays from Last-Event-ID, and a full replay of a finished run.
 */
export function applyRunEvent(
  run: LiveRun | undefined,
  event: RunEvent,
  eventId: number,
): LiveRun | undefined {
  if (event.type === 'run-started') {
    if (run && run.lastEventId >= eventId && eventId > 0) return run;
    return {
      id: event.runId,
      status: 'running',
      workload: event.workload,
      settings: event.settings,
      database: event.database,
      trials: [],
      summary: null,
      error: null,
      lastEventId: eventId,
    };
  }
  if (!run) return run;
  if (eventId > 0 && eventId <= run.lastEventId) return run;
  const base = { ...run, lastEventId: eventId > 0 ? eventId : run.lastEventId };
  switch (event.type) {
    case 'span':
      return {
        ...base,
        trials: upsertTrial(run.trials, event.span.strategy, event.span.trial, (t) => addSpan(t, event.span)),
      };
    case 'trial':
      return {
        ...base,
        trials: upsertTrial(run.trials, event.strategy, event.trial, (t) => ({
          ...t,
          warmup: event.warmup,
          wallMs: event.wallMs,
          failed: event.failed,
        })),
      };
    case 'summary':
      return { ...base, summary: event.summary };
    case 'error':
      return {
        ...base,
        error: { code: event.code, message: event.message, ...(event.hint ? { hint: event.hint } : {}) },
      };
    case 'done':
      return { ...base, status: event.status };
  }
}
