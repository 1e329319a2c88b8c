import type { Phase, QuerySpec, Span, SpanError, StrategyName } from '@gatherscope/shared';
import type { Acquired } from '../db/profiler/instrumented-pool';
import type { QueryTiming } from '../db/profiler/instrumented-query';
import { atTime } from '../timing/precise-timer';
import type { Lane } from './lanes';
import { generateParams } from './params';
import type { Plan } from './plan';
import { spanError } from './span-error';

const now = () => performance.now();

/** Holds the connection busy for `ms` (simulated server time); resolves false when cut short. */
function hold(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      cancel();
      resolve(false);
    };
    const cancel = atTime(now() + ms, () => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface TrialExecutorOptions {
  plan: Plan;
  strategy: StrategyName;
  trial: number;
  signal: AbortSignal;
  onSpan?: ((span: Span) => void) | undefined;
  random?: () => number;
}

/**
 * Runs the queries of one trial as a strategy asks, one span each. Every time is relative to the
 * trial's start on the monotonic clock. `execute` never rejects: a failure becomes the span's error,
 * and the queries that depend on a failed one are skipped.
 */
export class TrialExecutor {
  readonly spans: Span[] = [];
  readonly t0 = now();
  private readonly firstRows = new Map<string, Record<string, string | null> | null>();
  private readonly sharedDraws = new Map<string, string>();
  private readonly failed = new Map<string, string>();
  /** Backends running a statement (or held for a simulated delay) of this trial right now. */
  readonly inFlight = new Set<number>();

  constructor(private readonly opts: TrialExecutorOptions) {}

  async execute(q: QuerySpec, lane: Lane): Promise<void> {
    const { signal } = this.opts;
    const start = this.rel(now());
    const blocked = this.blockedBy(q, false);
    if (blocked) return this.record(q, start, [], null, blocked);
    if (signal.aborted)
      return this.record(q, start, [], null, { kind: 'cancelled', message: 'The run was stopped.' });

    let got: Acquired;
    try {
      got = await lane.acquire(signal);
    } catch (err) {
      return this.record(q, start, [], null, spanError(err, signal.aborted));
    }
    const phases: Phase[] = [];
    if (got.waiting) phases.push(this.phase('waiting', got.waiting.start, got.waiting.end));
    if (got.connecting) phases.push(this.phase('connecting', got.connecting.start, got.connecting.end));
    const { conn } = got;
    this.inFlight.add(conn.pid);

    // On a shared connection the query gets its turn only now: its dependencies are settled.
    const blockedNow: SpanError | null = signal.aborted
      ? { kind: 'cancelled', message: 'The run was stopped.' }
      : this.blockedBy(q, true);
    const params = blockedNow
      ? null
      : generateParams(q.params, this.firstRows, this.opts.random, this.sharedDraws);
    if (blockedNow || !params?.ok) {
      this.inFlight.delete(conn.pid);
      lane.release(conn);
      const reason = blockedNow ?? {
        kind: 'skipped' as const,
        message: params && !params.ok ? `Skipped: ${params.reason}.` : '',
      };
      return this.record(q, start, phases, conn.pid, reason);
    }

    const t = await conn.run(q.sql, params.values);
    const error = this.outcome(t, phases);
    const delay = q.simulatedDelayMs ?? 0;
    let heldError: SpanError | null = null;
    if (!error && delay > 0) {
      const held = await hold(delay, signal);
      phases.push(this.phase('delay', t.doneAt, now()));
      if (!held) heldError = { kind: 'cancelled', message: 'The run was stopped.' };
    }
    this.inFlight.delete(conn.pid);
    lane.release(conn, !conn.alive);
    if (!error && !heldError) this.firstRows.set(q.id, t.firstRow);
    return this.record(q, start, phases, conn.pid, error ?? heldError, t.rows, t.bytes);
  }

  /**
   * Runs a wave of queries pipelined on ONE connection (the pipelined strategy): every statement
   * is sent at once, then the answers are read in order. Each span keeps its statement's own
   * times: sent, first row, last row. Dependencies must be settled (the strategy sends waves).
   */
  async executePipelined(qs: readonly QuerySpec[], lane: Lane): Promise<void> {
    const { signal } = this.opts;
    const start = this.rel(now());
    const open = qs.filter((q) => {
      const blocked = this.blockedBy(q, true);
      if (blocked) this.record(q, start, [], null, blocked);
      return !blocked;
    });
    if (open.length === 0) return;
    if (signal.aborted) {
      for (const q of open)
        this.record(q, start, [], null, { kind: 'cancelled', message: 'The run was stopped.' });
      return;
    }
    let got: Acquired;
    try {
      got = await lane.acquire(signal);
    } catch (err) {
      for (const q of open) this.record(q, start, [], null, spanError(err, signal.aborted));
      return;
    }
    const { conn } = got;
    const setup = (): Phase[] => [
      ...(got.waiting ? [this.phase('waiting', got.waiting.start, got.waiting.end)] : []),
      ...(got.connecting ? [this.phase('connecting', got.connecting.start, got.connecting.end)] : []),
    ];
    const sent: { q: QuerySpec; values: (string | null)[] }[] = [];
    for (const q of open) {
      const params = generateParams(q.params, this.firstRows, this.opts.random, this.sharedDraws);
      if (params.ok) sent.push({ q, values: params.values });
      else
        this.record(q, start, setup(), conn.pid, { kind: 'skipped', message: `Skipped: ${params.reason}.` });
    }
    this.inFlight.add(conn.pid);
    const timings = await conn.pipeline(
      sent.map(({ q, values }) => ({ sql: q.sql, values })),
      signal,
    );
    // The server runs a pipeline's statements one after another, so a simulated server time
    // (simulatedDelayMs) starts only when the statement before it has had all of its own: a
    // statement's answer is "ready" at max(its real answer, the previous one's end) + its delay,
    // and its delay phase covers that whole simulated wait.
    let serverFree = 0;
    for (const [i, { q }] of sent.entries()) {
      const t = timings[i]!;
      const phases = setup();
      let error = this.outcome(t, phases);
      const delay = q.simulatedDelayMs ?? 0;
      if (!error && (delay > 0 || serverFree > t.doneAt)) {
        const ready = Math.max(t.doneAt, serverFree) + delay;
        const held = await hold(ready - now(), signal);
        serverFree = ready;
        phases.push(this.phase('delay', t.doneAt, now()));
        if (!held) error = { kind: 'cancelled', message: 'The run was stopped.' };
      }
      if (!error) this.firstRows.set(q.id, t.firstRow);
      this.record(q, start, phases, conn.pid, error, t.rows, t.bytes);
    }
    this.inFlight.delete(conn.pid);
    lane.release(conn, !conn.alive);
  }

  /** The executing and reading phases of a statement's timing, and its error. */
  private outcome(t: QueryTiming, phases: Phase[]): SpanError | null {
    const { signal } = this.opts;
    phases.push(this.phase('executing', t.sentAt, t.firstRowAt ?? t.doneAt));
    if (t.firstRowAt !== null) phases.push(this.phase('reading', t.firstRowAt, t.doneAt));
    if (t.exceeded === 'rows') {
      return { kind: 'query', message: `The result has more rows than the cap of ${t.rows - 1}.` };
    }
    if (t.exceeded === 'bytes')
      return { kind: 'query', message: 'The result is larger than the result size cap.' };
    if (t.error) return spanError(t.error, signal.aborted);
    return null;
  }

  /** Trial start to the end of its last query. */
  wallMs(): number {
    return this.spans.reduce((m, s) => Math.max(m, s.end), 0);
  }

  /** A failed dependency; with `mustBeDone`, also one that has not finished yet. */
  private blockedBy(q: QuerySpec, mustBeDone: boolean): SpanError | null {
    for (const d of q.dependsOn ?? []) {
      const why = this.failed.get(d);
      if (why !== undefined) return { kind: 'skipped', message: `Skipped: "${d}" ${why}.` };
      if (mustBeDone && !this.firstRows.has(d))
        return { kind: 'skipped', message: `Skipped: "${d}" had not finished.` };
    }
    return null;
  }

  private record(
    q: QuerySpec,
    start: number,
    phases: Phase[],
    pid: number | null,
    error: SpanError | null,
    rows = 0,
    bytes = 0,
  ): void {
    const end = phases.reduce((m, p) => Math.max(m, p.end), start);
    if (error) this.failed.set(q.id, error.kind === 'skipped' ? 'was skipped' : 'failed');
    const span: Span = {
      strategy: this.opts.strategy,
      trial: this.opts.trial,
      queryId: q.id,
      start,
      end,
      phases,
      pid,
      rows,
      bytes,
      ...(error ? { error } : {}),
    };
    this.spans.push(span);
    this.opts.onSpan?.(span);
  }

  private phase(phase: Phase['phase'], start: number, end: number): Phase {
    return { phase, start: this.rel(start), end: this.rel(Math.max(start, end)) };
  }

  private rel(t: number): number {
    return Math.round((t - this.t0) * 1000) / 1000;
  }
}
