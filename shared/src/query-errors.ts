import type { QueryError } from './run';
import type { Trial } from './span';

/** What makes two query errors one: the query, the kind, the SQLSTATE and the message. */
export const queryErrorKey = (e: Omit<QueryError, 'count'>) =>
  `${e.queryId}\u0000${e.kind}\u0000${e.sqlstate ?? ''}\u0000${e.message}`;

/**
 * The distinct errors of the queries of some trials, counted (the server's summary and the web app's
 * live list of a run count them with this one rule), in the workload's query order (then
 * first met), so the list does not depend on which concurrent query failed first. A stop's
 * cancellations are not errors of the workload, so they are left out.
 */
export function queryErrors(trials: readonly Trial[], queryOrder: readonly string[] = []): QueryError[] {
  const found = new Map<string, QueryError>();
  for (const t of trials) {
    for (const s of t.spans) {
      if (!s.error || s.error.kind === 'cancelled') continue;
      const e = {
        queryId: s.queryId,
        kind: s.error.kind,
        ...(s.error.sqlstate !== undefined && { sqlstate: s.error.sqlstate }),
        message: s.error.message,
      };
      const k = queryErrorKey(e);
      const seen = found.get(k);
      if (seen) seen.count++;
      else found.set(k, { ...e, count: 1 });
    }
  }
  const rank = (id: string) => {
    const i = queryOrder.indexOf(id);
    return i < 0 ? queryOrder.length : i;
  };
  return [...found.values()].sort((a, b) => rank(a.queryId) - rank(b.queryId));
}
