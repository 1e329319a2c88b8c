import type { Phase, Span, StrategyName } from '@gatherscope/shared';

/**
 * Runs a list of independent tasks (HTTP calls, batch items) with at most `limit` in flight and
 * records a span per task in the same shape as query spans, so the same statistics and the same
 * timeline apply. Used by the presets whose work is not a SQL workload (gateway, batch).
 */
export interface TaskOutcome {
  rows: number;
  bytes: number;
  /** performance.now() when the first byte of the answer arrived, if the task can tell. */
  firstByteAt?: number;
  pid?: number | null;
  /** Phases in performance.now() times, when the task knows better than send → first byte → end. */
  phases?: { phase: Phase['phase']; start: number; end: number }[];
}

export interface Task<C> {
  id: string;
  run(ctx: C, signal: AbortSignal): Promise<TaskOutcome>;
}

export interface TaskTrial {
  wallMs: number;
  spans: Span[];
  failed: boolean;
}

export interface TaskRunOptions<C> {
  strategy: StrategyName;
  trial: number;
  /** Tasks in flight at once: 1 is sequential. */
  limit: number;
  signal: AbortSignal;
  /** Gives each worker its context (e.g. its own database connection) for the whole trial. */
  withWorker: (fn: (ctx: C) => Promise<void>) => Promise<void>;
}

export async function runTasks<C>(tasks: readonly Task<C>[], opts: TaskRunOptions<C>): Promise<TaskTrial> {
  const workers = Math.max(1, Math.min(opts.limit, tasks.length));
  // The clock starts once every worker has its context (a warm pool): opening connections is not
  // part of the work compared. A worker that cannot start releases the others, which then stop.
  let t0 = performance.now();
  let ready = 0;
  let startError: unknown = null;
  let release!: () => void;
  const allReady = new Promise<void>((r) => {
    release = r;
  });
  const rel = (t: number) => t - t0;
  const spans: Span[] = [];
  let next = 0;
  let failed = false;
  // Sequential code asks for each task when the previous one ends; a limited pool asks for all at once.
  const queued = opts.limit > 1;

  const worker = async (ctx: C) => {
    ready += 1;
    if (ready === workers) {
      t0 = performance.now();
      release();
    }
    await allReady;
    if (startError !== null) return;
    while (next < tasks.length && !opts.signal.aborted) {
      const task = tasks[next++]!;
      const started = performance.now();
      const asked = queued ? t0 : started;
      const phases: Phase[] = [];
      if (started - asked > 0.05) phases.push({ phase: 'waiting', start: rel(asked), end: rel(started) });
      const span = {
        strategy: opts.strategy,
        trial: opts.trial,
        queryId: task.id,
        start: rel(asked),
        phases,
      };
      try {
        const out = await task.run(ctx, opts.signal);
        const ended = performance.now();
        if (out.phases) {
          for (const p of out.phases) phases.push({ phase: p.phase, start: rel(p.start), end: rel(p.end) });
        } else {
          const firstByte = Math.min(Math.max(out.firstByteAt ?? ended, started), ended);
          phases.push({ phase: 'executing', start: rel(started), end: rel(firstByte) });
          if (ended > firstByte) phases.push({ phase: 'reading', start: rel(firstByte), end: rel(ended) });
        }
        spans.push({ ...span, end: rel(ended), pid: out.pid ?? null, rows: out.rows, bytes: out.bytes });
      } catch (err) {
        failed = true;
        const ended = performance.now();
        phases.push({ phase: 'executing', start: rel(started), end: rel(ended) });
        spans.push({
          ...span,
          end: rel(ended),
          pid: null,
          rows: 0,
          bytes: 0,
          error: {
            kind: opts.signal.aborted ? 'cancelled' : 'query',
            message: err instanceof Error ? err.message : String(err),
          },
        });
      }
    }
  };

  await Promise.all(
    Array.from({ length: workers }, () =>
      opts.withWorker(worker).catch((err: unknown) => {
        startError ??= err;
        release();
      }),
    ),
  );
  if (startError !== null) throw startError;
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  // Trial start to the end of its last task, as for query trials: closing the workers is not counted.
  const wallMs = spans.reduce((m, sp) => Math.max(m, sp.end), 0);
  return { wallMs, spans, failed: failed || opts.signal.aborted };
}

/** The HTTP call of a task: GET or POST with a JSON body, timing the first byte (the headers). */
export async function httpCall(
  url: string,
  signal: AbortSignal,
  init: { method?: 'GET' | 'POST'; json?: unknown } = {},
): Promise<TaskOutcome> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    signal,
    ...(init.json === undefined
      ? {}
      : { body: JSON.stringify(init.json), headers: { 'content-type': 'application/json' } }),
  });
  const firstByteAt = performance.now();
  const text = await res.text();
  if (!res.ok) throw new Error(`${url.replace(/\?.*/, '')} answered ${res.status}`);
  return { rows: 1, bytes: Buffer.byteLength(text), firstByteAt };
}
