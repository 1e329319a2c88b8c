import type { LoadEvent, LoadTestRecord, StrategyName } from '@gatherscope/shared';

/** A load test as the browser knows it: the stored record, grown event by event while it streams in. */
export type LiveLoad = Pick<
  LoadTestRecord,
  | 'id'
  | 'status'
  | 'workload'
  | 'settings'
  | 'database'
  | 'series'
  | 'results'
  | 'sweep'
  | 'verdict'
  | 'error'
> & {
  /** The database the test was asked to run on: known from the stored record, not from the stream. */
  target?: LoadTestRecord['target'] | undefined;
  /** What runs now: a strategy of the test or a step of the sweep. */
  phase: { stage: 'test' | 'sweep'; strategy: StrategyName; poolSize: number } | null;
  /** Id of the last SSE event applied: a reconnect that replays skips what is already here. */
  lastEventId: number;
};

export function liveFromLoadRecord(r: LoadTestRecord): LiveLoad {
  return {
    id: r.id,
    status: r.status,
    workload: r.workload,
    settings: r.settings,
    target: r.target,
    database: r.database,
    series: r.series,
    results: r.results,
    sweep: r.sweep,
    verdict: r.verdict,
    error: r.error,
    phase: null,
    lastEventId: 0,
  };
}

/**
 * Applies one SSE event. Pure and idempotent by event id, so it serves the first connection, a
 * reconnect that replays from Last-Event-ID and the replay of a finished test alike.
 */
export function applyLoadEvent(
  t: LiveLoad | undefined,
  event: LoadEvent,
  eventId: number,
): LiveLoad | undefined {
  if (event.type === 'load-started') {
    if (t && eventId > 0 && t.lastEventId >= eventId) return t;
    return {
      id: event.testId,
      status: 'running',
      workload: event.workload,
      settings: event.settings,
      target: t?.target,
      database: event.database,
      series: [],
      results: [],
      sweep: [],
      verdict: null,
      error: null,
      phase: null,
      lastEventId: eventId,
    };
  }
  if (!t) return t;
  if (eventId > 0 && eventId <= t.lastEventId) return t;
  const base = { ...t, lastEventId: eventId > 0 ? eventId : t.lastEventId };
  switch (event.type) {
    case 'phase':
      return { ...base, phase: { stage: event.stage, strategy: event.strategy, poolSize: event.poolSize } };
    case 'second':
      return { ...base, series: [...t.series, event.second] };
    case 'result':
      return {
        ...base,
        results: [...t.results.filter((r) => r.strategy !== event.result.strategy), event.result],
      };
    case 'sweep-point':
      return { ...base, sweep: [...t.sweep, event.point] };
    case 'verdict':
      return { ...base, verdict: event.verdict };
    case 'error':
      return {
        ...base,
        error: { code: event.code, message: event.message, ...(event.hint ? { hint: event.hint } : {}) },
      };
    case 'done':
      return { ...base, status: event.status, phase: null };
  }
}
