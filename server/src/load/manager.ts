import type {
  LoadEvent,
  LoadTestListItem,
  LoadTestRecord,
  ParsedLoadTestRequest,
  RunStatus,
} from '@gatherscope/shared';
import { AppError, recordError } from '../errors/app-error';
import { toAppError } from '../http/error-handler';
import type { LogFn } from '../logging/logger';
import { newRunId } from '../runs/store';
import { EventLog } from '../sse/event-log';
import { assertAllowedOn, type TargetResolver } from '../targets/targets';
import { resolveWorkload, type WorkloadCatalog } from '../workloads/catalog';
import { type OpenProxy, runLoadTest } from './runner';
import type { LoadTestStore } from './store';

export interface LoadManagerOptions {
  store: LoadTestStore;
  workloads: WorkloadCatalog;
  resolveTarget: TargetResolver;
  openProxy: OpenProxy;
  log: LogFn;
  /** A non-detached test whose last viewer left is stopped when nobody reconnects this soon. */
  viewerGraceMs?: number;
}

/** The event that opens a test's log, live or replayed from the stored record. */
const startedEvent = (r: LoadTestRecord): LoadEvent => ({
  type: 'load-started',
  testId: r.id,
  workload: r.workload,
  settings: r.settings,
  database: r.database,
});

interface Active {
  record: LoadTestRecord;
  log: EventLog<LoadEvent>;
  abort: AbortController;
  detached: boolean;
  viewers: number;
  grace: NodeJS.Timeout | undefined;
  done: Promise<void>;
}

/**
 * Runs load tests in the background, one at a time (a load test saturates the machine; two would
 * measure each other), keeps the event log for viewers, stores every test, and stops on request.
 */
export class LoadTestManager {
  readonly #active = new Map<string, Active>();
  readonly #finished = new Map<string, EventLog<LoadEvent>>();
  #starting = 0;
  readonly viewerGraceMs: number;

  constructor(private readonly o: LoadManagerOptions) {
    // As short as a profile run's (runs/manager.ts): a closed tab stops the test and its backends
    // are gone within 2 s (test/faults/load-stream-close.test.ts), a reload reconnects in time.
    this.viewerGraceMs = o.viewerGraceMs ?? 300;
  }

  async start(req: ParsedLoadTestRequest): Promise<{ id: string }> {
    // Reserved before the first await: two requests arriving together must not both pass the check.
    if (this.#active.size + this.#starting > 0) {
      throw new AppError('run_limit_reached', 'A load test is already running.', {
        status: 429,
        hint: 'Wait for it to finish or stop it: one load test at a time keeps the measurements honest.',
      });
    }
    this.#starting++;
    try {
      return await this.#begin(req);
    } finally {
      this.#starting--;
    }
  }

  async #begin(req: ParsedLoadTestRequest): Promise<{ id: string }> {
    const workload = resolveWorkload(this.o.workloads, req.workload);
    const { workload: _w, target, detached, ...settings } = req;
    const resolved = await this.o.resolveTarget(target);
    assertAllowedOn(workload, resolved, typeof req.workload === 'string');
    const id = newRunId();
    const record: LoadTestRecord = {
      id,
      kind: 'load',
      createdAt: new Date().toISOString(),
      finishedAt: null,
      status: 'running',
      settings,
      workload,
      target,
      database: resolved.database,
      series: [],
      results: [],
      sweep: [],
      verdict: null,
      error: null,
    };
    const log = new EventLog<LoadEvent>();
    const abort = new AbortController();
    log.append(startedEvent(record));
    await this.o.store.save(record);
    const active: Active = {
      record,
      log,
      abort,
      detached,
      viewers: 0,
      grace: undefined,
      done: Promise.resolve(),
    };
    this.#active.set(id, active);
    active.done = this.#run(active, resolved.url, resolved.readOnly);
    // Nobody may be watching a non-detached test that nobody ever opens: give a viewer time to come.
    if (!detached) this.#armGrace(active, 15_000);
    this.o.log('load_test_started', { id, workload: workload.name, strategies: settings.strategies });
    return { id };
  }

  async #run(a: Active, url: string, readOnly: boolean): Promise<void> {
    let status: Exclude<RunStatus, 'running'> = 'failed';
    try {
      const out = await runLoadTest({
        testId: a.record.id,
        url,
        readOnly,
        workload: a.record.workload,
        settings: a.record.settings,
        signal: a.abort.signal,
        openProxy: this.o.openProxy,
        onEvent: (e) => {
          a.log.append(e);
          // The record grows with the events (what `events()` replays), so a test read while it
          // runs, or left behind by a crash, holds what was measured so far.
          if (e.type === 'second') a.record.series.push(e.second);
          else if (e.type === 'sweep-point') a.record.sweep.push(e.point);
          else if (e.type === 'verdict') a.record.verdict = e.verdict;
          else if (e.type === 'result') {
            a.record.results.push(e.result);
            void this.o.store.save(a.record).catch(() => {});
          }
        },
      });
      status = out.status;
    } catch (err) {
      const e = toAppError(err);
      a.record.error = recordError(e);
      a.log.append({ type: 'error', ...a.record.error });
      this.o.log('load_test_failed', { id: a.record.id, code: e.code });
    }
    a.record.status = status;
    a.record.finishedAt = new Date().toISOString();
    await this.o.store.save(a.record).catch(() => {});
    a.log.append({ type: 'done', status });
    a.log.close();
    if (a.grace) clearTimeout(a.grace);
    this.#active.delete(a.record.id);
    this.#finished.set(a.record.id, a.log);
    if (this.#finished.size > 10) this.#finished.delete(this.#finished.keys().next().value ?? '');
  }

  #armGrace(a: Active, ms: number): void {
    if (a.grace) clearTimeout(a.grace);
    a.grace = setTimeout(() => {
      if (a.viewers === 0) a.abort.abort();
    }, ms);
  }

  /** A stream opened: returns the function to call when it closes. */
  attachViewer(id: string): () => void {
    const a = this.#active.get(id);
    if (!a) return () => {};
    a.viewers++;
    if (a.grace) clearTimeout(a.grace);
    return () => {
      a.viewers--;
      if (!a.detached && a.viewers === 0) this.#armGrace(a, this.viewerGraceMs);
    };
  }

  list(): LoadTestListItem[] {
    return this.o.store.list();
  }

  async get(id: string): Promise<LoadTestRecord | undefined> {
    return this.#active.get(id)?.record ?? (await this.o.store.get(id));
  }

  /** The live log, the kept log of a recent test, or a replay built from the stored record. */
  async events(id: string): Promise<EventLog<LoadEvent> | undefined> {
    const live = this.#active.get(id)?.log ?? this.#finished.get(id);
    if (live) return live;
    const r = await this.o.store.get(id);
    if (!r) return undefined;
    const log = new EventLog<LoadEvent>();
    log.append(startedEvent(r));
    for (const second of r.series) log.append({ type: 'second', second });
    for (const result of r.results) log.append({ type: 'result', result });
    for (const point of r.sweep) log.append({ type: 'sweep-point', point });
    if (r.verdict) log.append({ type: 'verdict', verdict: r.verdict });
    if (r.error) log.append({ type: 'error', ...r.error });
    log.append({ type: 'done', status: r.status });
    log.close();
    return log;
  }

  /** Stops a test at once; resolves when its queries are cancelled and its connections closed. */
  async stop(id: string): Promise<RunStatus | undefined> {
    const a = this.#active.get(id);
    if (!a) return (await this.o.store.get(id))?.status;
    a.abort.abort();
    await a.done;
    return a.record.status;
  }

  /** Deletes a finished test; a running one must be stopped first. */
  async delete(id: string): Promise<boolean> {
    if (this.#active.has(id)) {
      throw new AppError('bad_request', 'This load test is still running.', {
        status: 409,
        hint: 'Stop it first (POST /api/load-tests/:id/stop), then delete it.',
      });
    }
    this.#finished.delete(id);
    return this.o.store.delete(id);
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.#active.keys()].map((id) => this.stop(id)));
  }
}
