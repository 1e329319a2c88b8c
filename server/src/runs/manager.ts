import type {
  ParsedRunRequest,
  RecordError,
  RunEvent,
  RunListItem,
  RunRecord,
  RunStatus,
} from '@gatherscope/shared';
import type { ProfileRunResult, RunProfile } from '../engine/types';
import { AppError, recordError } from '../errors/app-error';
import { toAppError } from '../http/error-handler';
import type { LogFn } from '../logging/logger';
import { EventLog } from '../sse/event-log';
import { assertAllowedOn, type ResolvedTarget, type TargetResolver } from '../targets/targets';
import { resolveWorkload, type WorkloadCatalog } from '../workloads/catalog';
import { replayLog, runStartedEvent } from './replay';
import { newRunId, type RunStore } from './store';
import { TrialCollector } from './trials';

export interface RunManagerOptions {
  store: RunStore;
  runProfile: RunProfile;
  workloads: WorkloadCatalog;
  resolveTarget: TargetResolver;
  log: LogFn;
  /** Runs at once; more are refused with `run_limit_reached`. */
  maxConcurrent?: number;
  /** A non-detached run whose last viewer left is cancelled when nobody reconnects this soon. */
  viewerGraceMs?: number;
  /** A non-detached run that nobody opens the stream of this soon is cancelled. */
  firstViewerMs?: number;
  persistEveryMs?: number;
  /** Event logs of finished runs kept in memory for late readers; older ones replay from the store. */
  keepFinished?: number;
}

interface ActiveRun {
  record: RunRecord;
  log: EventLog<RunEvent>;
  abort: AbortController;
  collector: TrialCollector;
  detached: boolean;
  viewers: number;
  grace: NodeJS.Timeout | undefined;
  /** Why the server stopped the run on its own (nobody watched it): kept as the record's error. */
  unwatched: RecordError | null;
  done: Promise<void>;
}

/** The record's error of a run stopped because nobody watched it, so its page says why it stopped. */
const unwatchedError = (message: string): RecordError => ({
  code: 'run_unwatched',
  message,
  hint: 'A run stops when no page shows it, so no query is left running on the database. Keep its page open (moving to other pages of the app is fine), or start it detached (API: "detached": true).',
});

/**
 * Starts profiling runs in the background, keeps the event log of each for its viewers, enforces
 * the concurrent-run limit, cancels runs nobody watches, and persists every run to the store.
 */
export class RunManager {
  readonly #o: Required<Omit<RunManagerOptions, 'log'>> & { log: LogFn };
  readonly #active = new Map<string, ActiveRun>();
  readonly #finished = new Map<string, EventLog<RunEvent>>();
  #starting = 0;

  constructor(opts: RunManagerOptions) {
    this.#o = {
      maxConcurrent: 2,
      // Long enough for a reload of the run's page to reconnect (the app keeps the stream open while
      // the user moves between its pages); a closed tab still cancels the queries within ~5.1 s.
      viewerGraceMs: 5_000,
      firstViewerMs: 15_000,
      persistEveryMs: 2_000,
      keepFinished: 20,
      ...opts,
    };
  }

  get viewerGraceMs(): number {
    return this.#o.viewerGraceMs;
  }

  async start(req: ParsedRunRequest): Promise<{ id: string }> {
    if (this.#active.size + this.#starting >= this.#o.maxConcurrent) {
      throw new AppError('run_limit_reached', `${this.#o.maxConcurrent} runs are already in progress.`, {
        status: 429,
        hint: 'Wait for one to finish, or stop one (POST /api/runs/:id/stop), then start again.',
      });
    }
    this.#starting++;
    try {
      const workload = resolveWorkload(this.#o.workloads, req.workload);
      const target = await this.#o.resolveTarget(req.target);
      assertAllowedOn(workload, target, typeof req.workload === 'string');
      const { workload: _w, target: _t, detached, ...settings } = req;
      const record: RunRecord = {
        id: newRunId(),
        kind: 'profile',
        createdAt: new Date().toISOString(),
        finishedAt: null,
        status: 'running',
        settings,
        workload,
        target: req.target,
        database: target.database,
        trials: [],
        summary: null,
        error: null,
      };
      await this.#o.store.save(record);
      const run: ActiveRun = {
        record,
        log: new EventLog<RunEvent>(),
        abort: new AbortController(),
        collector: new TrialCollector(),
        detached,
        viewers: 0,
        grace: undefined,
        unwatched: null,
        done: Promise.resolve(),
      };
      run.log.append(runStartedEvent(record));
      this.#active.set(record.id, run);
      this.#o.log('run_started', { id: record.id, workload: workload.name, strategies: settings.strategies });
      if (!detached) {
        this.#armGrace(run, this.#o.firstViewerMs, 'Stopped: nobody opened its page after it was started.');
      }
      run.done = this.#execute(run, target);
      return { id: record.id };
    } finally {
      this.#starting--;
    }
  }

  /** The run's events: the live log, or a replay of the stored record for a reader after `afterSeq`. */
  async events(id: string, afterSeq = 0): Promise<EventLog<RunEvent> | undefined> {
    const live = this.#active.get(id)?.log ?? this.#finished.get(id);
    if (live) return live;
    const record = await this.#o.store.get(id);
    return record && replayLog(record, afterSeq);
  }

  /** A viewer opened the stream; returns the function to call when it closes. */
  attachViewer(id: string): () => void {
    const run = this.#active.get(id);
    if (!run) return () => {};
    run.viewers++;
    clearTimeout(run.grace);
    run.grace = undefined;
    let detachedOnce = false;
    return () => {
      if (detachedOnce) return;
      detachedOnce = true;
      run.viewers--;
      if (run.viewers === 0 && !run.detached && run.record.status === 'running') {
        this.#armGrace(run, this.#o.viewerGraceMs, 'Stopped: its page was closed.');
      }
    };
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const run = this.#active.get(id);
    if (run) return { ...run.record, trials: run.collector.trials() };
    return this.#o.store.get(id);
  }

  list(): RunListItem[] {
    return this.#o.store.list();
  }

  /** Stops a run (its in-flight queries are cancelled on the server) and waits until it has ended. */
  async stop(id: string, reason = 'stopped by request'): Promise<RunStatus | undefined> {
    const run = this.#active.get(id);
    if (!run) return (await this.#o.store.get(id))?.status;
    if (!run.abort.signal.aborted) {
      this.#o.log('run_stopping', { id, reason });
      run.abort.abort(new Error(reason));
    }
    await run.done;
    return run.record.status;
  }

  async delete(id: string): Promise<boolean> {
    if (this.#active.has(id)) await this.stop(id, 'deleted');
    this.#finished.delete(id);
    return this.#o.store.delete(id);
  }

  /** Stops every run and waits for their records to be saved (server shutdown). */
  async shutdown(): Promise<void> {
    await Promise.all([...this.#active.keys()].map((id) => this.stop(id, 'server shutting down')));
  }

  #armGrace(run: ActiveRun, ms: number, reason: string): void {
    clearTimeout(run.grace);
    run.grace = setTimeout(() => {
      run.grace = undefined;
      if (run.viewers > 0 || run.abort.signal.aborted) return;
      run.unwatched = unwatchedError(reason);
      void this.stop(run.record.id, reason);
    }, ms);
  }

  async #execute(run: ActiveRun, target: ResolvedTarget): Promise<void> {
    const { record } = run;
    let sawError = false;
    let saved = 0;
    const persist = setInterval(() => {
      if (run.collector.count === saved) return;
      saved = run.collector.count;
      this.#o.store.save({ ...record, trials: run.collector.trials() }).catch((err: unknown) => {
        this.#o.log('run_save_failed', { id: record.id, message: String(err) });
      });
    }, this.#o.persistEveryMs);
    let result: ProfileRunResult;
    try {
      result = await this.#o.runProfile({
        url: target.url,
        limits: { readOnly: target.readOnly },
        workload: record.workload,
        settings: record.settings,
        signal: run.abort.signal,
        onEvent: (event) => {
          if (event.type === 'error') sawError = true;
          run.collector.add(event);
          run.log.append(event);
        },
      });
    } catch (err) {
      const e = toAppError(err);
      result = {
        status: run.abort.signal.aborted ? 'cancelled' : 'failed',
        trials: run.collector.trials(),
        summary: null,
        error: recordError(e),
      };
    } finally {
      clearInterval(persist);
      clearTimeout(run.grace);
    }
    if (result.status === 'cancelled' && !result.error && run.unwatched) {
      result = { ...result, error: run.unwatched };
    }
    Object.assign(record, {
      status: result.status,
      finishedAt: new Date().toISOString(),
      trials: result.trials,
      summary: result.summary,
      error: result.error,
    });
    try {
      await this.#o.store.save(record);
    } catch (err) {
      this.#o.log('run_save_failed', { id: record.id, message: String(err) });
    }
    if (result.error && !sawError) run.log.append({ type: 'error', ...result.error });
    run.log.append({ type: 'done', status: result.status });
    run.log.close();
    this.#active.delete(record.id);
    this.#finished.set(record.id, run.log);
    for (const old of this.#finished.keys()) {
      if (this.#finished.size <= this.#o.keepFinished) break;
      this.#finished.delete(old);
    }
    this.#o.log('run_finished', { id: record.id, status: result.status });
  }
}
