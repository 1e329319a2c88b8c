import type { ConsecutiveFinding, Span, Trial } from '@gatherscope/shared';

/**
 * Consecutive-query detector, after Sentry's "Consecutive DB Queries" rule
 * (docs.sentry.io/product/issues/issue-details/performance-issues/consecutive-db-queries):
 * - a run of at least 2 SELECTs executed one after another (none overlaps the next);
 * - a query counts as parallelizable only if it takes more than 30 ms;
 * - saving = total − max(longest parallelizable, sum of the others), total = sum of the run;
 * - flagged when the saving is at least 100 ms and at least 10% of the trial's wall time.
 * Sentry guesses independence from the SQL text; here it comes from the workload's real `dependsOn`:
 * a query is parallelizable when nothing else in the run depends on it, directly or not, and it
 * depends on nothing else in the run.
 */
const RULE = { minQueries: 2, minParallelMs: 30, minSavingMs: 100, minSavingShare: 0.1 } as const;

export interface DetectorQuery {
  id: string;
  sql: string;
  dependsOn?: readonly string[] | undefined;
}

/** Spans closer than this are treated as back to back (timer resolution, event-loop hops). */
const OVERLAP_TOLERANCE_MS = 0.5;

const isSelect = (sql: string) =>
  /^\s*(\(\s*)*(select|with|table|values)\b/i.test(sql.replace(/^\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/)*/g, ''));

/** All transitive dependencies of each query. */
export function ancestors(queries: readonly DetectorQuery[]): Map<string, Set<string>> {
  const byId = new Map(queries.map((q) => [q.id, q]));
  const memo = new Map<string, Set<string>>();
  const visit = (id: string, seen: Set<string>): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const out = new Set<string>();
    for (const d of byId.get(id)?.dependsOn ?? []) {
      if (seen.has(d)) continue;
      out.add(d);
      for (const a of visit(d, new Set([...seen, d]))) out.add(a);
    }
    memo.set(id, out);
    return out;
  };
  for (const q of queries) visit(q.id, new Set([q.id]));
  return memo;
}

const duration = (s: Span) => s.end - s.start;

/** Maximal runs of successful SELECT spans where each starts after the previous one ended. */
function consecutiveRuns(spans: readonly Span[], sqlOf: ReadonlyMap<string, string>): Span[][] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const runs: Span[][] = [];
  let current: Span[] = [];
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const s of sorted) {
    const selectable = !s.error && isSelect(sqlOf.get(s.queryId) ?? '');
    if (!selectable || s.start < lastEnd - OVERLAP_TOLERANCE_MS) {
      if (current.length >= RULE.minQueries) runs.push(current);
      current = selectable ? [s] : [];
    } else {
      current.push(s);
    }
    lastEnd = Math.max(lastEnd, s.end);
  }
  if (current.length >= RULE.minQueries) runs.push(current);
  return runs;
}

/** Saving for one run of consecutive spans, with the ids that could have overlapped. */
function runSaving(run: readonly Span[], deps: ReadonlyMap<string, Set<string>>) {
  const ids = new Set(run.map((s) => s.queryId));
  const independent = (s: Span) => {
    const mine = deps.get(s.queryId) ?? new Set<string>();
    if ([...mine].some((d) => ids.has(d))) return false;
    return !run.some((o) => o !== s && (deps.get(o.queryId) ?? new Set()).has(s.queryId));
  };
  const parallel = run.filter((s) => independent(s) && duration(s) > RULE.minParallelMs);
  const others = run.filter((s) => !parallel.includes(s));
  const total = run.reduce((t, s) => t + duration(s), 0);
  const longest = Math.max(0, ...parallel.map(duration));
  const rest = others.reduce((t, s) => t + duration(s), 0);
  return { total, saving: parallel.length === 0 ? 0 : total - Math.max(longest, rest), parallel };
}

/** Findings for every measured trial of a run. */
export function detectConsecutive(
  trials: readonly Trial[],
  queries: readonly DetectorQuery[],
): ConsecutiveFinding[] {
  const sqlOf = new Map(queries.map((q) => [q.id, q.sql]));
  const deps = ancestors(queries);
  const findings: ConsecutiveFinding[] = [];
  for (const trial of trials) {
    if (trial.warmup) continue;
    for (const run of consecutiveRuns(trial.spans, sqlOf)) {
      const { total, saving, parallel } = runSaving(run, deps);
      if (saving < RULE.minSavingMs || saving < RULE.minSavingShare * trial.wallMs) continue;
      findings.push({
        strategy: trial.strategy,
        trial: trial.trial,
        queryIds: run.map((s) => s.queryId),
        parallelizable: parallel.map((s) => s.queryId),
        totalMs: total,
        savingMs: saving,
      });
    }
  }
  return findings;
}
