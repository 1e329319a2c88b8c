import {
  formatMs,
  formatPercent,
  formatRate,
  formatSpeedup,
  intervalClause,
  judge,
  type LoadResult,
  type LoadSecond,
  savingSentence,
  strategyInfo,
} from '@gatherscope/shared';
import { bootstrapSpeedup } from '../engine/stats';

/**
 * One sentence comparing the strategies of a load test by the shared verdict rule
 * (shared/src/verdict-rule.ts): the fastest by throughput against the slowest, whether the
 * throughput ratio is significant (a bootstrap over the per-second throughputs), and the practical
 * size of the difference, the median latency saved per request and per second at the measured
 * rate. What bounded throughput is each result's `limit`, shown beside it.
 */
export function loadVerdict(
  results: readonly LoadResult[],
  series: readonly LoadSecond[] = [],
): string | null {
  const usable = results.filter((r) => r.requests > 0);
  if (usable.length === 0) return null;
  const label = (r: LoadResult) => strategyInfo[r.strategy].label;
  const describe = (r: LoadResult) =>
    `${label(r)}: ${formatRate(r.throughput)}, median ${formatMs(r.latencyMs.p50)}, p95 ${formatMs(r.latencyMs.p95)}`;
  if (usable.length === 1) return `${describe(usable[0]!)}.`;
  const byThroughput = [...usable].sort((a, b) => b.throughput - a.throughput);
  const best = byThroughput[0]!;
  const worst = byThroughput.at(-1)!;
  const ratio = worst.throughput > 0 ? best.throughput / worst.throughput : Number.POSITIVE_INFINITY;
  const perSecond = (r: LoadResult) => series.filter((s) => s.strategy === r.strategy).map((s) => s.requests);
  const [b, w] = [perSecond(best), perSecond(worst)];
  const ci =
    b.length >= 3 && w.length >= 3
      ? bootstrapSpeedup(b, w, { resamples: 1000, seed: b.length * 31 + w.length })
      : null;
  const interval = ci ? { low: ci.low, high: ci.high } : null;
  const j = judge({ baselineMs: worst.latencyMs.p50, candidateMs: best.latencyMs.p50, ratio: interval });
  const rate = Math.max(1, Math.round(best.throughput));
  const facts = `${label(best)} served ${Number.isFinite(ratio) ? formatSpeedup(ratio) : '∞×'} the throughput of ${label(worst)} (${intervalClause(interval)}) ${p95Comparison(best.latencyMs.p95, worst.latencyMs.p95)}; at the median it ${savingSentence(j.savingMs, rate)}`;
  const lead =
    j.verdictClass === 'no-practical-difference'
      ? 'No practical difference in latency'
      : j.verdictClass === 'too-noisy'
        ? 'Too noisy to decide'
        : !j.significant
          ? 'No measurable difference in throughput'
          : null;
  return `${lead ? `${lead}: ` : ''}${facts} (${describe(best)}; ${describe(worst)}).`;
}

/**
 * How the best strategy's p95 compares with the other's, in percent (a ratio such as "1.0x lower"
 * is not English, and "2x lower" is ambiguous): within 5% they are "about the same".
 */
export function p95Comparison(best: number, other: number): string {
  if (!(best > 0 && other > 0)) return 'with p95 latencies that cannot be compared';
  const change = (best - other) / other;
  if (Math.abs(change) < 0.05) return 'with about the same p95';
  const pct = formatPercent(Math.abs(change));
  return change < 0 ? `and a ${pct} lower p95` : `but a ${pct} higher p95`;
}
