import type { ParamSpec, QuerySpec, Workload } from '@gatherscope/shared';
import { type Plan, planWorkload } from '../engine/plan';

// What a load-test request needs from its workload: the plan and the queries whose first row a
// `ref` reads (both computed once per workload), and each parameter's wire value.

/** A first row as text values, as PostgreSQL sent it. */
export type Row = Record<string, string | null>;

/**
 * A parameter as a text wire value (PostgreSQL parses it by the statement's types). A `ref` whose
 * query returned no row sends NULL: the request goes on, as an application's would.
 */
export function resolveParam(
  p: ParamSpec,
  results: Map<string, Row | null> | undefined,
  drawn: Drawn,
): string | null {
  if (p === null) return null;
  if (typeof p !== 'object') return String(p);
  if (p.kind === 'ref') return results?.get(p.query)?.[p.column] ?? null;
  const known = p.shared === undefined ? undefined : drawn.values?.get(p.shared);
  if (known !== undefined) return known;
  const v = String(
    p.kind === 'randomInt'
      ? p.min + Math.floor(Math.random() * (p.max - p.min + 1))
      : p.values[Math.floor(Math.random() * p.values.length)],
  );
  if (p.shared !== undefined) {
    drawn.values ??= new Map();
    drawn.values.set(p.shared, v);
  }
  return v;
}

/** Values drawn for `shared` parameters in this request; the map only once one is drawn. */
export interface Drawn {
  values?: Map<string, string>;
}

// Computed once per workload, not once per request: the generator's own CPU bounds its throughput.
const plans = new WeakMap<Workload, Plan>();
const refTargets = new WeakMap<Workload, Set<string>>();

export function planOf(workload: Workload): Plan {
  let plan = plans.get(workload);
  if (!plan) {
    plan = planWorkload(workload);
    plans.set(workload, plan);
  }
  return plan;
}

/** Ids of the queries whose first row a `ref` parameter reads. */
export function referenced(workload: Workload): Set<string> {
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
