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
 * A stored run's events between run-started and its error/done (the job core adds those): its
 * spans and trials in the order a live viewer received them, and the summary that every reader
 * gets, even one that saw more trials live than the record kept.
 */
export function replayRun(r: RunRecord): { body: RunEvent[]; ending: RunEvent[] } {
  const body: RunEvent[] = [];
  for (const t of r.trials) {
    for (const span of t.spans) body.push({ type: 'span', span });
    body.push(trialEvent(t));
  }
  return { body, ending: r.summary ? [{ type: 'summary', summary: r.summary }] : [] };
}
