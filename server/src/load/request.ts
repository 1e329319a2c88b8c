import type { ParamSpec, QuerySpec, StrategyName, Workload } from '@gatherscope/shared';
import type pg from 'pg';
import type { Lease, LoadPool } from '../db/load-pool';
import { type Plan, planWorkload } from '../engine/plan';
import { errorKey } from './error-key';

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

type Row = Record<string, unknown>;

function resolveParam(
  p: ParamSpec,
  results: Map<string, Row | undefined>,
  drawn: Map<string, unknown>,
): unknown {
  if (p === null || typeof p !== 'object') return p;
  if (p.kind === 'ref') return results.get(p.query)?.[p.column] ?? null;
  if (p.shared !== undefined && drawn.has(p.shared)) return drawn.get(p.shared);
  const v =
    p.kind === 'randomInt'
      ? p.min + Math.floor(Math.random() * (p.max - p.min + 1))
      : p.values[Math.floor(Math.random() * p.values.length)];
  if (p.shared !== undefined) drawn.set(p.shared, v);
  return v;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Values stay the text PostgreSQL sent: parsing timestamps into Dates and numerics for rows nobody
// reads would make the generator, not the database, the bottleneck (see the pgbench benchmark).
const textValues: pg.CustomTypesConfig = {
  getTypeParser: (() => (value: string) => value) as unknown as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Runs ONE request of a workload under a strategy on a long-lived pool: the unit a virtual user
 * repeats. Kept lean (no span per query) because a load test runs it thousands of times a second;
 * it measures only what the load results need: connection time, pool wait, errors.
 */
export async function runRequest(
  workload: Workload,
  strategy: StrategyName,
  pool: LoadPool,
  opts: { boundedK: number; stopped: () => boolean },
): Promise<RequestOutcome> {
  const out: RequestOutcome = {
    error: undefined,
    connectionMs: 0,
    waitMs: 0,
    acquires: 0,
    queries: 0,
    maxHeld: 0,
  };
  const results = new Map<string, Row | undefined>();
  const drawn = new Map<string, unknown>();
  let held = 0;

  const exec = async (client: pg.PoolClient, q: QuerySpec): Promise<void> => {
    if (opts.stopped()) throw Object.assign(new Error('stopped'), { code: 'cancelled' });
    const params = (q.params ?? []).map((p) => resolveParam(p, results, drawn));
    // Extended protocol even without parameters: one statement per query, never `…; DELETE …`.
    // Rows as arrays: building an object per row nobody reads costs the generator CPU; only the
    // first row of a query another one refers to is turned into named columns.
    const r = await client.query<unknown[]>({
      text: q.sql,
      values: params,
      queryMode: 'extended',
      types: textValues,
      rowMode: 'array',
    } as pg.QueryArrayConfig);
    const first = r.rows[0];
    if (first && referenced(workload).has(q.id)) {
      results.set(q.id, Object.fromEntries(r.fields.map((f, i) => [f.name, first[i]])));
    }
    out.queries++;
    // Simulated server time: the connection stays held, as it would during a slower query.
    if (q.simulatedDelayMs) await sleep(q.simulatedDelayMs);
  };

  const withLease = async <T>(fn: (lease: Lease) => Promise<T>): Promise<T> => {
    const lease = await pool.acquire();
    out.waitMs += lease.waitMs;
    out.acquires++;
    held++;
    out.maxHeld = Math.max(out.maxHeld, held);
    let broken = false;
    try {
      return await fn(lease);
    } catch (err) {
      const key = errorKey(err);
      broken = key !== 'cancelled' && !/^[0-9A-Z]{5}$/.test(key);
      throw err;
    } finally {
      held--;
      out.connectionMs += pool.release(lease, broken);
    }
  };

  // Each query waits for its dependencies; `gate` decides how it gets a connection.
  const runGraph = async (gate: (q: QuerySpec) => Promise<void>): Promise<void> => {
    const done = new Map<string, Promise<void>>();
    const start = (q: QuerySpec): Promise<void> => {
      const existing = done.get(q.id);
      if (existing) return existing;
      const deps = (q.dependsOn ?? []).map((id) => start(planOf(workload).byId.get(id)!));
      const p = Promise.all(deps).then(() => gate(q));
      done.set(q.id, p);
      return p;
    };
    const all = workload.queries.map(start);
    // allSettled first so no query is still running when the request reports its error.
    const settled = await Promise.allSettled(all);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  };

  try {
    if (strategy === 'sequential') {
      await withLease(async ({ client }) => {
        for (const q of topological(workload)) await exec(client, q);
      });
    } else if (strategy === 'single-connection') {
      await withLease(({ client }) => runGraph((q) => exec(client, q)));
    } else if (strategy === 'bounded') {
      let free = opts.boundedK;
      const waiters: (() => void)[] = [];
      await runGraph(async (q) => {
        while (free === 0) await new Promise<void>((r) => waiters.push(r));
        free--;
        try {
          await withLease(({ client }) => exec(client, q));
        } finally {
          free++;
          waiters.shift()?.();
        }
      });
    } else {
      // concurrent and dependency-aware coincide here: every query gets its own connection the
      // moment its dependencies are done.
      await runGraph((q) => withLease(({ client }) => exec(client, q)));
    }
  } catch (err) {
    out.error = errorKey(err);
  }
  return out;
}

// Computed once per workload, not once per request: the generator's own CPU bounds its throughput.
const plans = new WeakMap<Workload, Plan>();
const refTargets = new WeakMap<Workload, Set<string>>();

function planOf(workload: Workload): Plan {
  let plan = plans.get(workload);
  if (!plan) {
    plan = planWorkload(workload);
    plans.set(workload, plan);
  }
  return plan;
}

/** Ids of the queries whose first row a `ref` parameter reads. */
function referenced(workload: Workload): Set<string> {
  let ids = refTargets.get(workload);
  if (!ids) {
    ids = new Set(
      workload.queries.flatMap((q) =>
        (q.params ?? []).flatMap((p) =>
          p !== null && typeof p === 'object' && p.kind === 'ref' ? [p.query] : [],
        ),
      ),
    );
    refTargets.set(workload, ids);
  }
  return ids;
}

/** Queries in an order where every query comes after its dependencies: the profiler's order. */
export const topological = (workload: Workload): QuerySpec[] => planOf(workload).order;
