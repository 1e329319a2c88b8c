import type { StrategyPrediction, WhatIfInput, WhatIfPrediction } from '@gatherscope/shared';

/**
 * The what-if queueing model. Pure: no clock, no database.
 *
 * One request runs n queries. Query i holds a database connection for d_i = q_i + r·RTT, where q_i
 * is its time on the database (c_i of it CPU, the rest waiting: I/O, locks, sleeps) and r is the
 * round trips it costs (1 with the extended protocol on a warm connection).
 *
 * Alone (no other traffic):
 *   sequential  T_seq  = Σ d_i                                   (one connection, one after another)
 *   concurrent  T_conc = list schedule of the d_i on k = pool size slots, respecting dependsOn;
 *               when w = min(k, widest dependency level) CPU-bound queries overlap on C cores,
 *               each CPU part stretches by max(1, w / C).
 *
 * Under load (arrival rate λ, pool of P connections, C database cores):
 *   connection demand per request D = Σ d_i (the same for both strategies: concurrency moves
 *   connection time, it does not remove it), offered load a = λ·D, pool utilisation ρ_P = a / P;
 *   CPU demand per request U = Σ c_i, CPU utilisation ρ_C = λ·U / C.
 *   capacity = min(P / D, C / U) requests per unit time; beyond it the queue grows without end.
 *   sequential: each request is one M/M/P customer with service T_seq:
 *               W = T_seq + ErlangC(P, a) · T_seq / (P − a) + U · ρ_C / (1 − ρ_C)
 *   concurrent: each query is an M/M/P customer with service D / n (arrivals λ·n, same a):
 *               W = T_conc + L · ErlangC(P, a) · (D / n) / (P − a) + U_path · ρ_C / (1 − ρ_C)
 *               where L is the number of dependency levels (a request queues once per level) and
 *               U_path = U · L / n the CPU on its critical path. The CPU term is processor sharing.
 */

export interface ModelQuery {
  id: string;
  /** Time on the database, without network. */
  ms: number;
  /** Part of `ms` that is CPU on the database. */
  cpuMs: number;
  dependsOn: readonly string[];
}

export interface ModelSystem {
  rttMs: number;
  /** Connections one request may use at once (pool size, or k of the bounded strategy). */
  poolSize: number;
  dbCores: number;
  /** Requests per second; 0 = a request alone. */
  ratePerSec: number;
  roundTripsPerQuery?: number;
}

const holdMs = (q: ModelQuery, sys: ModelSystem) => q.ms + (sys.roundTripsPerQuery ?? 1) * sys.rttMs;

/** Dependency level of each query: 0 for roots, 1 + max level of its dependencies otherwise. */
export function levels(queries: readonly ModelQuery[]): Map<string, number> {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const level = new Map<string, number>();
  const visit = (q: ModelQuery, depth: number): number => {
    const known = level.get(q.id);
    if (known !== undefined) return known;
    if (depth > queries.length) throw new Error('dependency cycle');
    let l = 0;
    for (const d of q.dependsOn) {
      const dep = byId.get(d);
      if (dep) l = Math.max(l, visit(dep, depth + 1) + 1);
    }
    level.set(q.id, l);
    return l;
  };
  for (const q of queries) visit(q, 0);
  return level;
}

function widestLevel(queries: readonly ModelQuery[]): { width: number; depth: number } {
  const counts = new Map<number, number>();
  for (const l of levels(queries).values()) counts.set(l, (counts.get(l) ?? 0) + 1);
  return { width: Math.max(1, ...counts.values()), depth: counts.size };
}

export function sequentialAloneMs(queries: readonly ModelQuery[], sys: ModelSystem): number {
  return queries.reduce((t, q) => t + holdMs(q, sys), 0);
}

/** Pipelined on one connection: the queries one after another on the server, one round trip per dependency wave. */
export function pipelinedAloneMs(queries: readonly ModelQuery[], sys: ModelSystem): number {
  const waves = queries.length === 0 ? 0 : Math.max(...levels(queries).values()) + 1;
  return waves * sys.rttMs + queries.reduce((t, q) => t + q.ms, 0);
}

/** List scheduling on k slots in workload order, each query starting once its dependencies end. */
export function listScheduleMs(
  durations: ReadonlyMap<string, number>,
  queries: readonly ModelQuery[],
  k: number,
) {
  const end = new Map<string, number>();
  const slots: number[] = Array.from({ length: Math.max(1, k) }, () => 0);
  const pending = [...queries];
  while (pending.length > 0) {
    const idx = pending.findIndex((q) =>
      q.dependsOn.every((d) => end.has(d) || !queries.some((x) => x.id === d)),
    );
    if (idx < 0) throw new Error('dependency cycle');
    const q = pending.splice(idx, 1)[0]!;
    const ready = Math.max(0, ...q.dependsOn.map((d) => end.get(d) ?? 0));
    let slot = 0;
    for (let s = 1; s < slots.length; s++) if (slots[s]! < slots[slot]!) slot = s;
    const start = Math.max(ready, slots[slot]!);
    const finish = start + (durations.get(q.id) ?? 0);
    slots[slot] = finish;
    end.set(q.id, finish);
  }
  return Math.max(0, ...end.values());
}

export function concurrentAloneMs(queries: readonly ModelQuery[], sys: ModelSystem): number {
  const { width } = widestLevel(queries);
  const overlap = Math.min(sys.poolSize, width);
  const stretch = Math.max(1, overlap / sys.dbCores);
  const durations = new Map(queries.map((q) => [q.id, holdMs(q, sys) - q.cpuMs + q.cpuMs * stretch]));
  return listScheduleMs(durations, queries, sys.poolSize);
}

/** Erlang C: probability that an arrival waits in an M/M/c queue with offered load a (< c). */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (a >= c) return 1;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = ((term * a) / c) * (c / (c - a));
  return last / (sum + last);
}

function predict(queries: readonly ModelQuery[], sys: ModelSystem, concurrent: boolean): StrategyPrediction {
  const n = queries.length;
  const D = sequentialAloneMs(queries, sys);
  const U = queries.reduce((t, q) => t + q.cpuMs, 0);
  const alone = concurrent ? concurrentAloneMs(queries, sys) : D;
  const lambda = sys.ratePerSec / 1000; // per ms
  const P = sys.poolSize;
  const a = lambda * D;
  const poolUtil = a / P;
  const cpuUtil = (lambda * U) / sys.dbCores;
  const poolCap = D > 0 ? (P / D) * 1000 : Number.POSITIVE_INFINITY;
  const cpuCap = U > 0 ? (sys.dbCores / U) * 1000 : Number.POSITIVE_INFINITY;
  const capacityPerSec = Math.min(poolCap, cpuCap);
  const bottleneck = cpuCap < poolCap ? 'cpu' : 'pool';
  const base = {
    aloneMs: alone,
    capacityPerSec,
    bottleneck,
    poolUtilisation: poolUtil,
    cpuUtilisation: cpuUtil,
  } as const;
  if (sys.ratePerSec >= capacityPerSec) {
    return { ...base, latencyMs: null, throughputPerSec: capacityPerSec };
  }
  const depth = widestLevel(queries).depth;
  const pWait = erlangC(P, a);
  const poolWait = concurrent ? depth * ((pWait * (D / n)) / (P - a)) : (pWait * D) / (P - a);
  const cpuOnPath = concurrent ? (U * depth) / n : U;
  const cpuWait = cpuUtil > 0 ? (cpuOnPath * cpuUtil) / (1 - cpuUtil) : 0;
  return { ...base, latencyMs: alone + poolWait + cpuWait, throughputPerSec: sys.ratePerSec };
}

export const predictSequential = (queries: readonly ModelQuery[], sys: ModelSystem) =>
  predict(queries, sys, false);
export const predictConcurrent = (queries: readonly ModelQuery[], sys: ModelSystem) =>
  predict(queries, sys, true);

/** The queries the what-if sliders describe: n equal queries in the chosen dependency shape. */
function sliderQueries(input: WhatIfInput): ModelQuery[] {
  const cpu = Math.min(input.queryMs, input.cpuMsPerRequest / input.queries);
  return Array.from({ length: input.queries }, (_, i) => {
    const id = `q${i + 1}`;
    const dependsOn =
      i === 0 || input.dependencies === 'independent'
        ? []
        : input.dependencies === 'chain'
          ? [`q${i}`]
          : ['q1'];
    return { id, ms: input.queryMs, cpuMs: cpu, dependsOn };
  });
}

export function predictWhatIf(input: WhatIfInput): WhatIfPrediction {
  const queries = sliderQueries(input);
  const sys: ModelSystem = {
    rttMs: input.rttMs,
    poolSize: input.poolSize,
    dbCores: input.dbCores,
    ratePerSec: input.ratePerSec,
  };
  return { sequential: predictSequential(queries, sys), concurrent: predictConcurrent(queries, sys) };
}
