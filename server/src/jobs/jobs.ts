import type { RunStatus } from '@gatherscope/shared';
import { AppError, recordError } from '../errors/app-error';
import { toAppError } from '../http/error-handler';
import type { LogFn } from '../logging/logger';
import { type Clock, systemClock } from './clock';
import { EventLog } from './event-log';
import { replayLog } from './replay';
import { JobStopped, type StopCause, stopError } from './stop-reason';
import type { EndEvent, JobContext, JobEnd, JobEvent, JobKind, JobRecord } from './types';

/** How long a job whose last viewer left waits for one to come back (a reload) before it stops. */
export const VIEWER_GRACE_MS = 5_000;
/** How long a job started from a page waits for that page to open its stream. */
export const FIRST_VIEWER_MS = 15_000;

export interface JobsOptions {
  log: LogFn;
  clock?: Clock | undefined;
  /** A running job's record is saved at most this often (and at its start and end). */
  persistEveryMs?: number | undefined;
  /** Event logs of finished jobs kept in memory for late readers; older ones replay from the store. */
  keepFinished?: number | undefined;
}

/** Every kind's events include the two end events (the shared schemas say so); TypeScript cannot check that here. */
const asEvent = <E>(e: EndEvent): E => e as unknown as E;

interface Active<R, E> {
  record: R;
  log: EventLog<E>;
  abort: AbortController;
  detached: boolean;
  viewers: number;
  grace: unknown;
  saveTimer: unknown;
  dirty: boolean;
  sawError: boolean;
  done: Promise<void>;
}

/**
 * The one lifecycle of everything that runs for a while and is watched live (runs, load tests,
 * matrix measurements, captures): start under a concurrency limit, an event log that viewers
 * resume by Last-Event-ID, a viewer grace after which an unwatched job stops, Stop with a recorded
 * reason, the record saved while it runs and at its end, and the list of stored jobs. A kind of job
 * supplies only what is its own (`JobKind`): how to plan and execute it, and how to replay it.
 */
export class Jobs<R extends JobRecord, E extends JobEvent, I, Q> {
  readonly kind: JobKind<R, E, I, Q>;
  readonly viewerGraceMs = VIEWER_GRACE_MS;
  readonly #log: LogFn;
  readonly #clock: Clock;
  readonly #persistEveryMs: number;
  readonly #keepFinished: number;
  readonly #active = new Map<string, Active<R, E>>();
  readonly #finished = new Map<string, EventLog<E>>();
  #starting = 0;

  constructor(kind: JobKind<R, E, I, Q>, opts: JobsOptions) {
    this.kind = kind;
    this.#log = opts.log;
    this.#clock = opts.clock ?? systemClock;
    this.#persistEveryMs = opts.persistEveryMs ?? 2_000;
    this.#keepFinished = opts.keepFinished ?? 20;
  }

  /** Starts a job in the background; refused with a 429 when the kind's limit is reached. */
  async start(request: Q): Promise<{ id: string }> {
    // Counted before the first await: two requests arriving together must not both pass the check.
    if (this.#active.size + this.#starting >= this.kind.limit) {
      const { limit, label, plural } = this.kind;
      const first = this.running()[0];
      const what =
        limit > 1
          ? `${limit} ${plural} are already running.`
          : first && this.kind.busyMessage
            ? this.kind.busyMessage(first)
            : `A ${label} is already running.`;
      throw new AppError('run_limit_reached', what, { status: 429, hint: this.kind.limitHint });
    }
    this.#starting++;
    try {
      const plan = await this.kind.plan(request);
      const { record } = plan;
      await this.kind.store.save(record);
      const job: Active<R, E> = {
        record,
        log: new EventLog<E>(),
        abort: new AbortController(),
        detached: plan.detached,
        viewers: 0,
        grace: undefined,
        saveTimer: undefined,
        dirty: false,
        sawError: false,
        done: Promise.resolve(),
      };
      job.log.append(this.kind.startedEvent(record));
      this.#active.set(record.id, job);
      this.#log(`${this.kind.logKey}_started`, { id: record.id, ...this.kind.describe?.(record) });
      if (!plan.detached) this.#armGrace(job, FIRST_VIEWER_MS, 'never-watched');
      job.done = this.#execute(job, plan.execute);
      return { id: record.id };
    } finally {
      this.#starting--;
    }
  }

  /** The job's events: the live log, a recent one, or a replay of the stored record after `afterSeq`. */
  async events(id: string, afterSeq = 0): Promise<EventLog<E> | undefined> {
    const live = this.#active.get(id)?.log ?? this.#finished.get(id);
    if (live) return live;
    const record = await this.kind.store.get(id);
    return record && replayLog(record, this.kind.startedEvent(record), this.kind.replay(record), afterSeq);
  }

  /** A viewer opened the stream; returns the function to call (once) when it closes. */
  attachViewer(id: string): () => void {
    const job = this.#active.get(id);
    if (!job) return () => {};
    job.viewers++;
    this.#clock.clearTimeout(job.grace);
    job.grace = undefined;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      job.viewers--;
      if (job.viewers === 0 && !job.detached) this.#armGrace(job, VIEWER_GRACE_MS, 'unwatched');
    };
  }

  /** The record, as it grows while the job runs, else as stored. */
  async get(id: string): Promise<R | undefined> {
    const job = this.#active.get(id);
    return job ? { ...job.record } : this.kind.store.get(id);
  }

  /** The stored jobs of this kind, newest first. */
  list(): I[] {
    return this.kind.store.list();
  }

  /** Records of the jobs running now, oldest first. */
  running(): R[] {
    return [...this.#active.values()].map((j) => j.record);
  }

  /** Resolves with the record once the job has ended and been saved; undefined for no running job. */
  async finished(id: string): Promise<R | undefined> {
    const job = this.#active.get(id);
    if (!job) return undefined;
    await job.done;
    return job.record;
  }

  /** Stops a job (its queries are cancelled) and waits until it has ended; its status, or undefined. */
  async stop(id: string, cause: StopCause = 'requested'): Promise<RunStatus | undefined> {
    const job = this.#active.get(id);
    if (!job) return (await this.kind.store.get(id))?.status;
    if (!job.abort.signal.aborted) {
      this.#log(`${this.kind.logKey}_stopping`, { id, cause });
      job.abort.abort(new JobStopped(cause));
    }
    await job.done;
    return job.record.status;
  }

  /** Deletes a job's record, stopping it first if it runs; false when there was none. */
  async delete(id: string): Promise<boolean> {
    if (this.#active.has(id)) await this.stop(id, 'deleted');
    this.#finished.delete(id);
    return this.kind.store.delete(id);
  }

  /** Stops every job and waits for their records to be saved (server shutdown). */
  async shutdown(): Promise<void> {
    await Promise.all([...this.#active.keys()].map((id) => this.stop(id, 'shutdown')));
  }

  #armGrace(job: Active<R, E>, ms: number, cause: StopCause): void {
    this.#clock.clearTimeout(job.grace);
    job.grace = this.#clock.setTimeout(() => {
      job.grace = undefined;
      if (job.viewers === 0) void this.stop(job.record.id, cause);
    }, ms);
  }

  #save(job: Active<R, E>): Promise<void> {
    job.dirty = false;
    return this.kind.store.save(job.record).catch((err: unknown) => {
      this.#log(`${this.kind.logKey}_save_failed`, { id: job.record.id, message: String(err) });
    });
  }

  async #execute(job: Active<R, E>, execute: (ctx: JobContext<E>) => Promise<JobEnd>) {
    const { record, abort } = job;
    let end: JobEnd;
    try {
      end = await execute({
        id: record.id,
        signal: abort.signal,
        emit: (event) => {
          if (event.type === 'error') job.sawError = true;
          job.log.append(event);
        },
        get stopCause() {
          const reason: unknown = abort.signal.reason;
          return reason instanceof JobStopped ? reason.cause : null;
        },
        changed: () => {
          job.dirty = true;
          if (job.saveTimer !== undefined) return;
          job.saveTimer = this.#clock.setTimeout(() => {
            job.saveTimer = undefined;
            if (job.dirty && this.#active.has(record.id)) void this.#save(job);
          }, this.#persistEveryMs);
        },
      });
    } catch (err) {
      // A job that throws because it was stopped ends as stopped, with the stop's reason below.
      end = abort.signal.aborted
        ? { status: 'cancelled' }
        : { status: 'failed', error: recordError(toAppError(err)) };
    }
    this.#clock.clearTimeout(job.grace);
    this.#clock.clearTimeout(job.saveTimer);
    const reason: unknown = abort.signal.reason;
    // A job that ended because it was stopped says why, unless it completed anyway.
    const stopped =
      reason instanceof JobStopped && end.status !== 'completed'
        ? stopError(reason.cause, this.kind.label)
        : null;
    record.status = end.status;
    record.finishedAt = new Date().toISOString();
    record.error = end.error ?? stopped;
    await this.#save(job);
    if (record.error && !job.sawError) job.log.append(asEvent<E>({ type: 'error', ...record.error }));
    job.log.append(asEvent<E>({ type: 'done', status: record.status }));
    job.log.close();
    this.#active.delete(record.id);
    this.#finished.set(record.id, job.log);
    for (const old of this.#finished.keys()) {
      if (this.#finished.size <= this.#keepFinished) break;
      this.#finished.delete(old);
    }
    this.#log(`${this.kind.logKey}_finished`, { id: record.id, status: record.status });
  }
}
