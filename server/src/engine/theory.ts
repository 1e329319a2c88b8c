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
 * Greedy list scheduling on k slots: in the given (dependency-respecting) order each query takes
 * the slot that frees first, starting once its dependencies have finished. Returns the makespan.
 */
export function listScheduleMs(qs: readonly ModelQuery[], k: number): number {
  const slots: number[] = [];
  const ends = new Map<string, number>();
  let makespan = 0;
  for (const q of qs) {
    const ready = q.dependsOn.reduce((m, d) => Math.max(m, ends.get(d) ?? 0), 0);
    let slot = -1;
    if (slots.length < k) {
      slots.push(0);
      slot = slots.length - 1;
    } else {
      slot = slots.indexOf(Math.min(...slots));
    }
    const end = Math.max(ready, slots[slot]!) + q.ms;
    slots[slot] = end;
    ends.set(q.id, end);
    makespan = Math.max(makespan, end);
  }
  return makespan;
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

/**
 * What a strategy would take if it achieved its model exactly, given the per-query costs in
 * dependency order (see the strategy modules for why each model is the right one).
 */
export function strategyModelMs(
  strategy: StrategyName,
  qs: readonly ModelQuery[],
  settings: Pick<RunSettings, 'poolSize' | 'boundedK'>,
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
  }
}
