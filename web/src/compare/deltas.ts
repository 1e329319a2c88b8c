import {
  bootstrapSpeedup,
  type Judgement,
  judge,
  median,
  type RatioInterval,
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

/** B − A and (B − A) / A of any two measurements (ms, req/s, counts); undefined unless both exist. */
export function change(
  a: number | undefined,
  b: number | undefined,
): { diff: number | undefined; ratio: number | undefined } {
  if (a === undefined || b === undefined) return { diff: undefined, ratio: undefined };
  return { diff: b - a, ratio: a > 0 ? (b - a) / a : undefined };
}

function delta(a: Side, b: Side): Delta {
  return { a, b, ...change(a.ms, b.ms) };
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

/** Fewer samples than this on either side give no interval: "too few to tell", never a guess. */
export const MIN_SAMPLES = 3;

/**
 * The 95% bootstrap interval of median(a) / median(b) from two samples of the same measure (trial
 * wall times, per-second throughputs or latencies), from a seed fixed by the sample sizes so a page
 * shows the same interval on every visit; undefined with fewer than MIN_SAMPLES on either side.
 */
export function medianRatio(a: readonly number[], b: readonly number[]): RatioInterval | undefined {
  if (a.length < MIN_SAMPLES || b.length < MIN_SAMPLES) return undefined;
  const ci = bootstrapSpeedup(a, b, { seed: a.length * 7919 + b.length });
  return ci ? { low: ci.low, high: ci.high } : undefined;
}

/**
 * B against A by the shared rule; "faster" means B is faster. The interval comes from the samples
 * (times, lower is better); `headline` sets the per-request times the saving is stated in when they
 * are not the samples' medians (a load test's overall percentiles, its samples per second).
 */
export function judgeDelta(
  a: readonly number[],
  b: readonly number[],
  headline: { a: number; b: number } = { a: median(a), b: median(b) },
): Judgement | undefined {
  const ratio = medianRatio(a, b);
  if (!ratio) return undefined;
  return judge({ baselineMs: headline.a, candidateMs: headline.b, ratio });
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
