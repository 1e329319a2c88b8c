import {
  formatMs,
  formatPercent,
  formatRate,
  formatSpeedup,
  type LoadResult,
  strategyInfo,
} from '@gatherscope/shared';

/**
 * One sentence comparing the strategies of a load test: the fastest by throughput against the
 * slowest, with p95 latency. What bounded throughput is each result's `limit`, shown beside it.
 */
export function loadVerdict(results: readonly LoadResult[]): string | null {
  const usable = results.filter((r) => r.requests > 0);
  if (usable.length === 0) return null;
  const describe = (r: LoadResult) =>
    `${strategyInfo[r.strategy].label}: ${formatRate(r.throughput)}, p95 ${formatMs(r.latencyMs.p95)}`;
  if (usable.length === 1) return `${describe(usable[0]!)}.`;
  const byThroughput = [...usable].sort((a, b) => b.throughput - a.throughput);
  const best = byThroughput[0]!;
  const worst = byThroughput.at(-1)!;
  const ratio = worst.throughput > 0 ? best.throughput / worst.throughput : Number.POSITIVE_INFINITY;
  const latencyPart = p95Comparison(best.latencyMs.p95, worst.latencyMs.p95);
  return `${strategyInfo[best.strategy].label} served ${Number.isFinite(ratio) ? formatSpeedup(ratio) : '∞×'} the throughput of ${strategyInfo[worst.strategy].label} ${latencyPart} (${describe(best)}; ${describe(worst)}).`;
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
