import type { RunSettings, StrategyName } from '@gatherscope/shared';

/** A query as the models see it: its measured cost and what it waits for. */
export interface ModelQuery {
  id: string;
  ms: number;
  dependsOn: readonly string[];
}

/** Sum of the costs: one after another (sequential, single connection). */
export const sumMs = (qs: readonly ModelQuery[]): number => qs.reduce((s, q) => s + q.ms, 0);

/** The longest query: everything at once, ignoring dependencies. */
export const maxMs = (qs: readonly ModelQuery[]): number => qs.reduce((m, q) => Math.max(m, q.ms), 0);

/** Longest chain of dependencies, by cost: unlimited connections, each query as soon as it can. */
export function criticalPathMs(qs: readonly ModelQuery[]): number {
  return listScheduleMs(qs, Number.POSITIVE_INFINITY);
}

/**
 * List scheduling on k slots, simulated as a FIFO pool serves it: a query joins the queue when its
 * last dependency finishes (ties in the given order) and starts on the first free slot.
 * Returns the makespan.
 */
export function listScheduleMs(qs: readonly ModelQuery[], k: number): number {
  const finished = new Map<string, number>();
  const pending = [...qs];
  const queue: ModelQuery[] = [];
  const running: { id: string; end: number }[] = [];
  let t = 0;
  for (;;) {
    for (let i = 0; i < pending.length; ) {
      if (pending[i]!.dependsOn.every((d) => (finished.get(d) ?? Number.POSITIVE_INFINITY) <= t)) {
        queue.push(pending.splice(i, 1)[0]!);
      } else {
        i++;
      }
    }
    while (running.length < k && queue.length > 0) {
      const q = queue.shift()!;
      running.push({ id: q.id, end: t + q.ms });
    }
    if (running.length === 0) return t;
    t = Math.min(...running.map((r) => r.end));
    for (let i = running.length - 1; i >= 0; i--) {
      if (running[i]!.end <= t) finished.set(running.splice(i, 1)[0]!.id, t);
    }
  }
}

/** Dependency waves one after another, each list-scheduled on k slots (gather per stage). */
export function wavesMs(qs: readonly ModelQuery[], k: number): number {
  const level = new Map<string, number>();
  for (const q of qs)
    level.set(
      q.id,
      q.dependsOn.reduce((m, d) => Math.max(m, (level.get(d) ?? 0) + 1), 0),
    );
  const waves: ModelQuery[][] = [];
  for (const q of qs) {
    const l = level.get(q.id) ?? 0;
    while (waves.length <= l) waves.push([]);
    waves[l]!.push({ ...q, dependsOn: [] });
  }
  return waves.reduce((s, w) => s + listScheduleMs(w, k), 0);
}

/** Number of dependency waves: 1 + the longest chain of dependencies, in queries. */
export function waveCount(qs: readonly ModelQuery[]): number {
  const level = new Map<string, number>();
  for (const q of qs)
    level.set(
      q.id,
      q.dependsOn.reduce((m, d) => Math.max(m, (level.get(d) ?? 0) + 1), 0),
    );
  return qs.length === 0 ? 0 : Math.max(...level.values()) + 1;
}

/**
 * Pipelined: one round trip per dependency wave, plus every statement's own time one after another
 * (the server runs a pipeline serially). A query's cost is measured with its own round trip in
 * it, so that round trip is taken off each query and paid once per wave instead.
 */
export function pipelinedMs(qs: readonly ModelQuery[], rttMs: number): number {
  return waveCount(qs) * rttMs + qs.reduce((s, q) => s + Math.max(0, q.ms - rttMs), 0);
}

/**
 * What a strategy would take if it achieved its model exactly, given the per-query costs in
 * dependency order (see the strategy modules for why each model is the right one).
 */
export function strategyModelMs(
  strategy: StrategyName,
  qs: readonly ModelQuery[],
  settings: Pick<RunSettings, 'poolSize' | 'boundedK' | 'rttMs'>,
): number {
  switch (strategy) {
    case 'sequential':
    case 'single-connection':
      return sumMs(qs);
    case 'concurrent':
      return wavesMs(qs, settings.poolSize);
    case 'bounded':
      return wavesMs(qs, settings.boundedK);
    case 'dependency-aware':
      return listScheduleMs(qs, settings.poolSize);
    case 'pipelined':
      return pipelinedMs(qs, settings.rttMs);
  }
}
