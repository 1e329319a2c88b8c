import type { RunRecord, StrategyName } from '@gatherscope/shared';

export interface Delta {
  a: number | undefined;
  b: number | undefined;
  /** b − a, ms; undefined unless both sides have a value. */
  diff: number | undefined;
  /** (b − a) / a; negative means B is faster. */
  ratio: number | undefined;
}

function delta(a: number | undefined, b: number | undefined): Delta {
  const both = a !== undefined && b !== undefined;
  return { a, b, diff: both ? b - a : undefined, ratio: both && a > 0 ? (b - a) / a : undefined };
}

export interface StrategyDelta extends Delta {
  strategy: StrategyName;
  speedupA: number | undefined;
  speedupB: number | undefined;
}

export interface QueryDelta extends Delta {
  strategy: StrategyName;
  queryId: string;
}

type Comparable = Pick<RunRecord, 'summary' | 'settings'>;

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
      ...delta(sa?.wallMs.median, sb?.wallMs.median),
      speedupA: sa?.speedup?.estimate,
      speedupB: sb?.speedup?.estimate,
    };
  });
}

/** Median duration of each query under each strategy, side by side; queries of either run. */
export function queryDeltas(a: Comparable, b: Comparable): QueryDelta[] {
  const out: QueryDelta[] = [];
  for (const strategy of strategiesOf(a, b)) {
    const qa = a.summary?.strategies.find((s) => s.strategy === strategy)?.perQuery ?? [];
    const qb = b.summary?.strategies.find((s) => s.strategy === strategy)?.perQuery ?? [];
    const ids = [...new Set([...qa.map((q) => q.queryId), ...qb.map((q) => q.queryId)])];
    for (const queryId of ids) {
      out.push({
        strategy,
        queryId,
        ...delta(
          qa.find((q) => q.queryId === queryId)?.medianMs,
          qb.find((q) => q.queryId === queryId)?.medianMs,
        ),
      });
    }
  }
  return out;
}

/** "+12.0%" / "−8.5%" / "±0%", with a real minus sign. */
export function formatRatio(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r)) return '–';
  const pct = r * 100;
  if (Math.abs(pct) < 0.05) return '±0%';
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}
