import { formatMs, formatRate, formatSpeedup, type LoadResult, strategyInfo } from '@gatherscope/shared';

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
  const p95Ratio = best.latencyMs.p95 > 0 ? worst.latencyMs.p95 / best.latencyMs.p95 : 1;
  const latencyPart =
    p95Ratio >= 1
      ? `and a ${formatSpeedup(p95Ratio)} lower p95`
      : `but a ${formatSpeedup(1 / p95Ratio)} higher p95`;
  return `${strategyInfo[best.strategy].label} served ${Number.isFinite(ratio) ? formatSpeedup(ratio) : '∞×'} the throughput of ${strategyInfo[worst.strategy].label} ${latencyPart} (${describe(best)}; ${describe(worst)}).`;
}
