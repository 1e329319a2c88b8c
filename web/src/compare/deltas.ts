import {
  bootstrapSpeedup,
  type Judgement,
  judge,
  median,
  type RunRecord,
  type StrategyName,
  type StrategyStats,
} from '@gatherscope/shared';

/** One run's side of a comparison: a median, and how many of its samples failed. */
export interface Side {
  /** Median ms from successful samples; undefined when absent or when nothing succeeded. */
  ms: number | undefined;
  /** Failed spans (per query) or failed trials (per strategy). */
  failed: number;
  /** It ran but never succeeded: there is no time to compare, only failures. */
  broken: boolean;
  /**
   * No median, yet the query itself never failed: every trial it was in failed (or was cut) on
   * another query first. Shown as "no median", never as "failed (0)".
   */
  noMedian: boolean;
}

export interface Delta {
  a: Side;
  b: Side;
  /** b − a, ms; undefined unless both sides have a measured time. */
  diff: number | undefined;
  /** (b − a) / a; negative means B is faster. */
  ratio: number | undefined;
}

const absent: Side = { ms: undefined, failed: 0, broken: false, noMedian: false };

function delta(a: Side, b: Side): Delta {
  if (a.ms === undefined || b.ms === undefined) return { a, b, diff: undefined, ratio: undefined };
  return { a, b, diff: b.ms - a.ms, ratio: a.ms > 0 ? (b.ms - a.ms) / a.ms : undefined };
}

/** A side with failures also gets a warning: its median leaves those samples out. */
export const hasFailures = (d: Delta) => d.a.failed > 0 || d.b.failed > 0;

function strategySide(s: StrategyStats | undefined): Side {
  if (!s) return absent;
  const broken = s.wallMs.n === 0;
  return { ms: broken ? undefined : s.wallMs.median, failed: s.failedTrials, broken, noMedian: false };
}

function querySide(s: StrategyStats | undefined, queryId: string): Side {
  const q = s?.perQuery.find((x) => x.queryId === queryId);
  if (!q) return absent;
  // Runs recorded before `samples` was kept: a median of 0 with errors means no span succeeded.
  const none = q.samples !== undefined ? q.samples === 0 : q.errors > 0 && q.medianMs === 0;
  // Failed only when the query's own spans failed; with no error of its own, its trials failed
  // on other queries before it could succeed.
  const broken = none && q.errors > 0;
  return { ms: none ? undefined : q.medianMs, failed: q.errors, broken, noMedian: none && !broken };
}

export interface StrategyDelta extends Delta {
  strategy: StrategyName;
  speedupA: number | undefined;
  speedupB: number | undefined;
  /**
   * Whether B differs from A by the shared verdict rule: significant (a bootstrap interval of
   * A's median / B's from both runs' trial wall times) and practical (≥ 1 ms); undefined without
   * trials on both sides.
   */
  judgement: Judgement | undefined;
}

export interface QueryDelta extends Delta {
  strategy: StrategyName;
  queryId: string;
}

type Comparable = Pick<RunRecord, 'summary' | 'settings'> & { trials?: RunRecord['trials'] };

/** Wall times of a strategy's counted trials (measured, not failed), as the run's statistics use them. */
const walls = (r: Comparable, strategy: StrategyName) =>
  (r.trials ?? [])
    .filter((t) => t.strategy === strategy && !t.warmup && !t.failed && t.wallMs > 0)
    .map((t) => t.wallMs);

/** B against A by the shared rule; "faster" means B is faster. */
export function judgeDelta(a: readonly number[], b: readonly number[]): Judgement | undefined {
  if (a.length < 3 || b.length < 3) return undefined;
  const ci = bootstrapSpeedup(a, b, { seed: a.length * 7919 + b.length });
  if (!ci) return undefined;
  return judge({ baselineMs: median(a), candidateMs: median(b), ratio: { low: ci.low, high: ci.high } });
}

/** Strategies of either run, A's order first, then B's new ones. */
function strategiesOf(a: Comparable, b: Comparable): StrategyName[] {
  return [...new Set([...a.settings.strategies, ...b.settings.strategies])];
}

/** Median wall time per strategy of two runs, side by side, from the server's statistics. */
export function strategyDeltas(a: Comparable, b: Comparable): StrategyDelta[] {
  return strategiesOf(a, b).map((strategy) => {
    const sa = a.summary?.strategies.find((s) => s.strategy === strategy);
    const sb = b.summary?.strategies.find((s) => s.strategy === strategy);
    return {
      strategy,
      ...delta(strategySide(sa), strategySide(sb)),
      speedupA: sa?.speedup?.estimate,
      speedupB: sb?.speedup?.estimate,
      judgement: judgeDelta(walls(a, strategy), walls(b, strategy)),
    };
  });
}

/** Median duration of each query under each strategy, side by side; queries of either run. */
export function queryDeltas(a: Comparable, b: Comparable): QueryDelta[] {
  const out: QueryDelta[] = [];
  for (const strategy of strategiesOf(a, b)) {
    const sa = a.summary?.strategies.find((s) => s.strategy === strategy);
    const sb = b.summary?.strategies.find((s) => s.strategy === strategy);
    const ids = [...new Set([...(sa?.perQuery ?? []), ...(sb?.perQuery ?? [])].map((q) => q.queryId))];
    for (const queryId of ids) {
      out.push({ strategy, queryId, ...delta(querySide(sa, queryId), querySide(sb, queryId)) });
    }
  }
  return out;
}
