import { EventLog } from './event-log';
import type { EndEvent, JobEvent, JobRecord } from './types';

/**
 * A stored job's events as a closed log, for a reader resuming after `afterSeq`. The record can
 * hold less than a live viewer saw: a crash loses what was measured since the last save, a stop the
 * part in flight. A reader already past the record's events would then get nothing and its
 * EventSource would reconnect forever; it gets the job's ending instead, numbered after its own
 * last id so that it does not take those events for ones it has seen.
 */
export function replayLog<E extends JobEvent>(
  record: JobRecord,
  started: E,
  events: { body: E[]; ending: E[] },
  afterSeq: number,
): EventLog<E> {
  const log = new EventLog<E>();
  log.append(started);
  for (const e of events.body) log.append(e);
  log.skipTo(afterSeq);
  for (const e of events.ending) log.append(e);
  for (const e of endEvents(record)) log.append(e as unknown as E);
  log.close();
  return log;
}

/** The events that end every job's log: its error, if it has one, then done with its status. */
export function endEvents(record: Pick<JobRecord, 'status' | 'error'>): EndEvent[] {
  return [
    ...(record.error ? [{ type: 'error' as const, ...record.error }] : []),
    { type: 'done', status: record.status },
  ];
}
