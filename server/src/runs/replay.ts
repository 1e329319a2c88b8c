import type { RunEvent, RunRecord } from '@gatherscope/shared';
import { trialEvent, trialSchedule } from '../engine/run-profile';

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
