import type { CapturedRequest } from '@gatherscope/shared';
import type { InferredGraph } from './infer';
import { isControl } from './labels';

export interface GatheringPrediction {
  /** The request as captured: wall time, time with a statement running, and the app's own time between. */
  captured: { wallMs: number; dbMs: number; appMs: number };
  /** What a replay of its statements should take under each strategy, at `rttMs` per round trip. */
  sequentialMs: number;
  dependencyAwareMs: number;
  concurrentMs: number;
  pipelinedMs: number;
  /** sequential − dependency-aware: what gathering the independent statements saves per request. */
  savingMs: number;
  /** The statements on the gathered critical path, in order. */
  criticalPath: string[];
  rttMs: number;
}

/**
 * Predicts a replay from the inferred graph and the captured durations, before anything runs. Each
 * statement costs its captured duration plus `rttMs`: sequential adds them up; dependency-aware is
 * the longest chain of the graph; concurrent runs wave after wave, each as long as its longest
 * statement; pipelined pays one round trip per wave and the statements one after another.
 */
export function predictGathering(
  request: CapturedRequest,
  graph: InferredGraph,
  rttMs: number,
): GatheringPrediction {
  const statements = request.statements
    .filter((s) => !isControl(s) && s.outcome !== 'skipped' && s.outcome !== 'cut')
    .sort((a, b) => a.startMs - b.startMs);
  const ids = new Set(statements.map((s) => s.id));
  const duration = new Map(statements.map((s) => [s.id, Math.max(0, s.endMs - s.startMs)]));
  const cost = (id: string) => (duration.get(id) ?? 0) + rttMs;
  const parents = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (!ids.has(e.to)) continue;
    // An edge through a left-out statement (BEGIN, COMMIT…) still orders what it joined.
    const from = ids.has(e.from)
      ? [e.from]
      : graph.edges.filter((x) => x.to === e.from && ids.has(x.from)).map((x) => x.from);
    parents.set(e.to, [...(parents.get(e.to) ?? []), ...from]);
  }
  const finish = new Map<string, number>();
  const via = new Map<string, string | undefined>();
  const level = new Map<string, number>();
  for (const s of statements) {
    let start = 0;
    let before: string | undefined;
    let l = 0;
    for (const p of parents.get(s.id) ?? []) {
      const f = finish.get(p) ?? 0;
      if (f > start) {
        start = f;
        before = p;
      }
      l = Math.max(l, (level.get(p) ?? 0) + 1);
    }
    finish.set(s.id, start + cost(s.id));
    via.set(s.id, before);
    level.set(s.id, l);
  }
  const waves: string[][] = [];
  for (const s of statements) {
    const l = level.get(s.id) ?? 0;
    while (waves.length <= l) waves.push([]);
    waves[l]?.push(s.id);
  }
  const sequentialMs = statements.reduce((sum, s) => sum + cost(s.id), 0);
  let last: string | undefined;
  for (const s of statements)
    if (last === undefined || (finish.get(s.id) ?? 0) > (finish.get(last) ?? 0)) last = s.id;
  const criticalPath: string[] = [];
  for (let at = last; at !== undefined; at = via.get(at)) criticalPath.unshift(at);
  const dependencyAwareMs = last === undefined ? 0 : (finish.get(last) ?? 0);
  const dbMs = request.dbMs;
  return {
    captured: { wallMs: request.wallMs, dbMs, appMs: Math.max(0, request.wallMs - dbMs) },
    sequentialMs,
    dependencyAwareMs,
    concurrentMs: waves.reduce((sum, w) => sum + Math.max(0, ...w.map(cost)), 0),
    pipelinedMs: waves.reduce(
      (sum, w) => sum + rttMs + w.reduce((t, id) => t + (duration.get(id) ?? 0), 0),
      0,
    ),
    savingMs: sequentialMs - dependencyAwareMs,
    criticalPath,
    rttMs,
  };
}
