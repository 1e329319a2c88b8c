import type { QuerySpec, Workload } from '@gatherscope/shared';

/** A workload's queries arranged for execution: dependency order and dependency waves. */
export interface Plan {
  /** Every query in a dependency-respecting order, otherwise in the workload's order. */
  order: QuerySpec[];
  /** Wave n holds the queries whose longest dependency chain above them has n queries. */
  waves: QuerySpec[][];
  byId: Map<string, QuerySpec>;
}

/** Assumes a validated workload (ids unique, dependencies known, no cycle). */
export function planWorkload(workload: Workload): Plan {
  const byId = new Map(workload.queries.map((q) => [q.id, q]));
  const level = new Map<string, number>();
  const levelOf = (q: QuerySpec): number => {
    const known = level.get(q.id);
    if (known !== undefined) return known;
    let l = 0;
    for (const d of q.dependsOn ?? []) {
      const dep = byId.get(d);
      if (dep) l = Math.max(l, levelOf(dep) + 1);
    }
    level.set(q.id, l);
    return l;
  };
  const waves: QuerySpec[][] = [];
  for (const q of workload.queries) {
    const l = levelOf(q);
    while (waves.length <= l) waves.push([]);
    waves[l]!.push(q);
  }
  return { order: stableTopologicalOrder(workload.queries), waves, byId };
}

/** Kahn's algorithm that always takes the earliest ready query in the workload's own order. */
function stableTopologicalOrder(queries: readonly QuerySpec[]): QuerySpec[] {
  const done = new Set<string>();
  const out: QuerySpec[] = [];
  const pending = [...queries];
  while (pending.length > 0) {
    const i = pending.findIndex((q) => (q.dependsOn ?? []).every((d) => done.has(d)));
    // A cycle cannot reach here (the schema refuses it); take the first to stay total anyway.
    const [next] = pending.splice(Math.max(i, 0), 1);
    done.add(next!.id);
    out.push(next!);
  }
  return out;
}
