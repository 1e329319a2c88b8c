import type { QuerySpec, StrategyName, Workload } from '@gatherscope/shared';
import type { Lease, LoadPool } from '../db/load/load-pool';
import type { QueryTiming } from '../db/profiler/instrumented-query';
import { errorKey, isSqlstate, LIMIT_KEYS, sessionError } from './error-key';
import { type Drawn, planOf, type Row, referenced, resolveParam, topological } from './request-plan';

export interface RequestOutcome {
  /** Error group (SQLSTATE or a client-side reason) of the first failure, undefined when all succeeded. */
  error: string | undefined;
  /** Sum over queries of the time each held a connection. */
  connectionMs: number;
  /** Sum over connection acquisitions of the time each waited for a free connection. */
  waitMs: number;
  acquires: number;
  queries: number;
  /** Most connections this request held at once. */
  maxHeld: number;
}

/** A result past a cap: grouped under its own name, not as a connection error. */
const limitError = (exceeded: keyof typeof LIMIT_KEYS) =>
  Object.assign(new Error(`result over the ${exceeded} cap`), { code: LIMIT_KEYS[exceeded] });

/** Sleeps `ms`, or less: it ends the moment `signal` aborts (a stopped test does not wait it out). */
function nap(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const wake = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });
}

const cancelled = () => Object.assign(new Error('stopped'), { code: 'cancelled' });

export interface RequestOptions {
  boundedK: number;
  /** Checked before each query: a stopped test starts no more of them. */
  stopped: () => boolean;
  /** Aborted when the test stops: ends a simulated delay at once instead of after it. */
  signal?: AbortSignal;
}

/**
 * Runs ONE request of a workload under a strategy on a long-lived pool: the unit a virtual user
 * repeats. Kept lean (no span per query) because a load test runs it thousands of times a second;
 * it measures only what the load results need: connection time, pool wait, errors.
 */
export async function runRequest(
  workload: Workload,
  strategy: StrategyName,
  pool: LoadPool,
  opts: RequestOptions,
): Promise<RequestOutcome> {
  const r = new RequestRun(workload, pool, opts);
  try {
    if (strategy === 'sequential') {
      await r.sequential();
    } else if (strategy === 'pipelined') {
      await r.withLease(async (lease) => {
        for (const wave of planOf(workload).waves) await r.execWave(lease, wave);
      });
    } else if (strategy === 'single-connection') {
      await r.withLease((lease) => r.runGraph((q) => r.exec(lease, q)));
    } else if (strategy === 'bounded') {
      let free = opts.boundedK;
      const waiters: (() => void)[] = [];
      await r.runGraph(async (q) => {
        while (free === 0) await new Promise<void>((resolve) => waiters.push(resolve));
        free--;
        try {
          await r.withLease((lease) => r.exec(lease, q));
        } finally {
          free++;
          waiters.shift()?.();
        }
      });
    } else {
      // concurrent and dependency-aware coincide here: every query gets its own connection the
      // moment its dependencies are done.
      await r.runGraph((q) => r.withLease((lease) => r.exec(lease, q)));
    }
  } catch (err) {
    r.out.error = errorKey(err);
  }
  return r.out;
}

/**
 * One request's state. Methods rather than closures made per request: the generator's own CPU
 * per request bounds its throughput (docs/benchmarks.md).
 */
class RequestRun {
  readonly out: RequestOutcome = {
    error: undefined,
    connectionMs: 0,
    waitMs: 0,
    acquires: 0,
    queries: 0,
    maxHeld: 0,
  };
  private results: Map<string, Row | null> | undefined;
  private readonly drawn: Drawn = {};
  private held = 0;
  /** Ids of the queries whose first row a later query reads. */
  private readonly refs: Set<string>;

  constructor(
    private readonly workload: Workload,
    private readonly pool: LoadPool,
    private readonly opts: RequestOptions,
  ) {
    this.refs = referenced(workload);
  }

  private params(q: QuerySpec): (string | null)[] {
    const specs = q.params;
    if (!specs || specs.length === 0) return [];
    const values: (string | null)[] = new Array(specs.length);
    for (let i = 0; i < specs.length; i++) values[i] = resolveParam(specs[i]!, this.results, this.drawn);
    return values;
  }

  /** A first row a `ref` parameter of a later query reads. */
  private keep(q: QuerySpec, row: Row | null): void {
    this.results ??= new Map();
    this.results.set(q.id, row);
  }

  /**
   * The queries one after another on one connection: the strategy a load test runs most, kept
   * tight (each statement's result comes to a callback, not through a promise and an await).
   */
  sequential(): Promise<void> {
    return this.lease().then(
      (lease) =>
        new Promise<void>((resolve, reject) => {
          const order = topological(this.workload);
          let i = 0;
          const fail = (err: unknown) => reject(this.failed(lease, err));
          const step = (): void => {
            try {
              if (i === order.length) {
                this.checkCut(lease);
                this.release(lease, false);
                resolve();
                return;
              }
              if (this.opts.stopped()) throw cancelled();
              const q = order[i]!;
              const keep = this.refs.has(q.id);
              this.pool.runThen(lease, q.sql, this.params(q), keep, (t) => {
                try {
                  this.settle(q, t, keep);
                } catch (err) {
                  fail(err);
                  return;
                }
                i++;
                if (q.simulatedDelayMs) this.simulate(q.simulatedDelayMs).then(step, fail);
                else step();
              });
            } catch (err) {
              fail(err);
            }
          };
          step();
        }),
    );
  }

  async exec(lease: Lease, q: QuerySpec): Promise<void> {
    if (this.opts.stopped()) throw cancelled();
    // Extended protocol even without parameters: one statement per query, never `…; DELETE …`.
    // Rows are counted, not kept: only the first row of a query another one refers to is read.
    const keep = this.refs.has(q.id);
    this.settle(q, await this.pool.run(lease, q.sql, this.params(q), keep), keep);
    if (q.simulatedDelayMs) await this.simulate(q.simulatedDelayMs);
  }

  /** A statement's result: its failure thrown, its first row kept when a later query reads it. */
  private settle(q: QuerySpec, t: QueryTiming, keep: boolean): void {
    if (t.exceeded) throw limitError(t.exceeded);
    if (t.error) throw t.error;
    if (keep) this.keep(q, t.firstRow);
    this.out.queries++;
  }

  /** Simulated server time: the connection stays held, as it would during a slower query. */
  private async simulate(ms: number): Promise<void> {
    await nap(ms, this.opts.signal);
    // A delay cut short by Stop is not a completed query: the request counts as cancelled.
    if (this.opts.signal?.aborted) throw cancelled();
  }

  // Pipelined: a wave's statements in one write on the lease; the server runs them one after
  // another, so their simulated server times add up.
  async execWave(lease: Lease, wave: readonly QuerySpec[]): Promise<void> {
    if (this.opts.stopped()) throw cancelled();
    const timings = await this.pool.pipeline(
      lease,
      wave.map((q) => ({ sql: q.sql, values: this.params(q) })),
    );
    let delay = 0;
    for (const [i, q] of wave.entries()) {
      const t = timings[i]!;
      if (t.exceeded) throw limitError(t.exceeded);
      if (t.error) throw t.error;
      if (this.refs.has(q.id)) this.keep(q, t.firstRow);
      this.out.queries++;
      delay += q.simulatedDelayMs ?? 0;
    }
    if (delay > 0) await this.simulate(delay);
  }

  async lease(): Promise<Lease> {
    const lease = await this.pool.acquire();
    this.out.waitMs += lease.waitMs;
    this.out.acquires++;
    this.held++;
    if (this.held > this.out.maxHeld) this.out.maxHeld = this.held;
    return lease;
  }

  /**
   * The statement that changed its session can still complete (its reply came in the same packet
   * as the change), so a cut is checked once per lease; `sessionsCut` keeps that check to one
   * number read until a session of this pool has been cut.
   */
  checkCut(lease: Lease): void {
    const cut = this.pool.sessionsCut > 0 ? this.pool.violationOf(lease) : undefined;
    if (cut) throw sessionError(cut);
  }

  release(lease: Lease, broken: boolean): void {
    this.held--;
    this.out.connectionMs += this.pool.release(lease, broken);
  }

  /** A failure on a lease: released (broken or not), and the error to report. */
  failed(lease: Lease, err: unknown): unknown {
    // A session the watchdog cut off is grouped by what its statement did, not as `connection`.
    const cut = this.pool.violationOf(lease);
    const e = cut ? sessionError(cut) : err;
    // A connection that answered (an SQLSTATE, the row cap) goes back to the pool; one that lost
    // its socket (or had it destroyed past the size cap) does not.
    const key = errorKey(e);
    this.release(lease, key !== 'cancelled' && key !== LIMIT_KEYS.rows && !isSqlstate(key));
    return e;
  }

  async withLease<T>(fn: (lease: Lease) => Promise<T>): Promise<T> {
    const lease = await this.lease();
    let result: T;
    try {
      result = await fn(lease);
      this.checkCut(lease);
    } catch (err) {
      throw this.failed(lease, err);
    }
    this.release(lease, false);
    return result;
  }

  // Each query waits for its dependencies; `gate` decides how it gets a connection.
  async runGraph(gate: (q: QuerySpec) => Promise<void>): Promise<void> {
    const done = new Map<string, Promise<void>>();
    const plan = planOf(this.workload);
    const start = (q: QuerySpec): Promise<void> => {
      const existing = done.get(q.id);
      if (existing) return existing;
      const deps = (q.dependsOn ?? []).map((id) => start(plan.byId.get(id)!));
      const p = Promise.all(deps).then(() => gate(q));
      done.set(q.id, p);
      return p;
    };
    const all = this.workload.queries.map(start);
    // allSettled first so no query is still running when the request reports its error.
    const settled = await Promise.allSettled(all);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
