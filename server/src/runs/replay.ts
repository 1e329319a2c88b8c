import type { RunEvent, RunRecord } from '@gatherscope/shared';
import { trialEvent, trialSchedule } from '../engine/run-profile';
import { EventLog } from '../sse/event-log';

export function runStartedEvent(r: Pick<RunRecord, 'id' | 'workload' | 'settings' | 'database'>): RunEvent {
  return {
    type: 'run-started',
    runId: r.id,
    workload: r.workload,
    settings: r.settings,
    database: r.database,
    schedule: trialSchedule(r.settings),
  };
}

/**
 * The events of a finished run, rebuilt from its stored record (after a restart, or once its live
 * log has been dropped from memory): the same kinds and order a live viewer received.
 */
export function replayEvents(r: RunRecord): RunEvent[] {
  const events: RunEvent[] = [runStartedEvent(r)];
  for (const t of r.trials) {
    for (const span of t.spans) events.push({ type: 'span', span });
    events.push(trialEvent(t));
  }
  if (r.summary) events.push({ type: 'summary', summary: r.summary });
  if (r.error) events.push({ type: 'error', ...r.error });
  events.push({ type: 'done', status: r.status });
  return events;
}

/** How a run ended: what a reader must always get, even one that saw more than the record kept. */
const isEnding = (e: RunEvent) => e.type === 'summary' || e.type === 'error' || e.type === 'done';

/**
 * A stored run's events as a closed log, for a reader resuming after `afterSeq`. The record can hold
 * less than a live viewer saw: a crash loses the trials measured since the last save, a stop the
 * spans of the trial in flight. A reader already past the record's trials would then get nothing
 * and its EventSource would reconnect forever; it gets the run's ending instead, numbered after its
 * own last id so that it does not take those events for ones it has seen.
 */
export function replayLog(r: RunRecord, afterSeq: number): EventLog<RunEvent> {
  const events = replayEvents(r);
  const log = new EventLog<RunEvent>();
  for (const e of events.filter((e) => !isEnding(e))) log.append(e);
  log.skipTo(afterSeq);
  for (const e of events.filter(isEnding)) log.append(e);
  log.close();
  return log;
}
