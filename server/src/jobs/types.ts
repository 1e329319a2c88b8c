import type { RecordError, RunStatus } from '@gatherscope/shared';
import type { StopCause } from './stop-reason';

/** What the core reads and writes of every job's record: a run's, a load test's, a capture's. */
export interface JobRecord {
  id: string;
  createdAt: string;
  finishedAt: string | null;
  status: RunStatus;
  error: RecordError | null;
}

/** Every job's events are `{ type }` objects; the core itself appends the two that end a log. */
export type JobEvent = { type: string };
export type EndEvent = ({ type: 'error' } & RecordError) | { type: 'done'; status: RunStatus };

/** Where a kind of job keeps its records (a directory of JSON files, a single file, …). */
export interface JobStore<R extends JobRecord, I> {
  save(record: R): Promise<void>;
  get(id: string): Promise<R | undefined>;
  delete(id: string): Promise<boolean>;
  /** Summaries, newest first. */
  list(): I[];
}

/** What a running job gets from the core. */
export interface JobContext<E> {
  readonly id: string;
  /** Aborted when the job is stopped; its `reason` is a `JobStopped` naming the cause. */
  readonly signal: AbortSignal;
  /** Appends an event to the job's log, for every viewer, now and on resume. */
  emit(event: E): void;
  /** The record grew (a trial, a result): the core saves it soon, at most once per persistence period. */
  changed(): void;
  /** Why the job was stopped, once it has been (`requested` for Stop); null while it runs. */
  readonly stopCause: StopCause | null;
}

/**
 * How a job ended, as its `execute` says. A job that throws ends failed, or cancelled if it was
 * stopped. A job whose natural end is Stop (a capture: it records until the user stops it) returns
 * `completed` then; a stop that nobody asked for (its page closed) still adds its reason as the
 * record's error when the job ends any other way than completed.
 */
export interface JobEnd {
  status: Exclude<RunStatus, 'running'>;
  error?: RecordError | null | undefined;
}

/** One job about to start: its first record (status running) and how to execute it. */
export interface JobPlan<R, E> {
  record: R;
  /** A detached job keeps going with nobody watching; others stop after the viewer grace. */
  detached: boolean;
  execute(job: JobContext<E>): Promise<JobEnd>;
}

/** What a kind of job supplies to the core: everything that is not lifecycle. */
export interface JobKind<R extends JobRecord, E extends JobEvent, I, Q> {
  /** Names the job in messages: "run", "load test". */
  label: string;
  plural: string;
  /** Prefix of the job's log lines: `run` gives run_started, run_finished… */
  logKey: string;
  store: JobStore<R, I>;
  /** Jobs of this kind at once; one more is refused with a 429. */
  limit: number;
  /** The hint of that 429: what to do, and why there is a limit. */
  limitHint: string;
  /** The message of that 429 naming what runs (default: "A run is already running."). */
  busyMessage?(running: R): string;
  /** Checks the request and resolves what it needs (workload, database); throws AppErrors. */
  plan(request: Q): Promise<JobPlan<R, E>>;
  /** The event that opens every log of a job, live or replayed from its record. */
  startedEvent(record: R): E;
  /**
   * A stored job's events after the started one and before its error and done events (which the
   * core adds from the record): `body` for what it measured, `ending` for what every reader must
   * get even if it had seen more live than the record kept (a run's summary).
   */
  replay(record: R): { body: E[]; ending: E[] };
  /** The log line fields of a started job, e.g. its workload's name. */
  describe?(record: R): Record<string, unknown>;
}
