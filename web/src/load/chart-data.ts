import {
  errorTotal,
  type LoadResult,
  type LoadSecond,
  okRequests,
  type StrategyName,
  type SweepPoint,
  strategyInfo,
} from '@gatherscope/shared';
import type { LineSeries } from './chart-layout';

/** One colour per strategy (Okabe–Ito, through CSS variables so both themes work). */
export const strategyColor: Record<StrategyName, string> = {
  sequential: 'var(--c-vermillion)',
  concurrent: 'var(--c-blue)',
  bounded: 'var(--c-orange)',
  'dependency-aware': 'var(--c-green)',
  'single-connection': 'var(--c-purple)',
  pipelined: 'var(--c-sky)',
};

const label = (s: StrategyName) => strategyInfo[s].label;

/** The strategies that have seconds so far: a strategy not yet run (or cut off by Stop) has no legend entry. */
function byStrategy(series: readonly LoadSecond[], strategies: readonly StrategyName[]) {
  return strategies
    .map((s) => ({ strategy: s, seconds: series.filter((x) => x.strategy === s) }))
    .filter((g) => g.seconds.length > 0);
}

/**
 * One line per strategy of a per-second metric, x = seconds into the strategy's phase; a `null`
 * value leaves a gap in the line.
 */
export function metricLines(
  series: readonly LoadSecond[],
  strategies: readonly StrategyName[],
  value: (s: LoadSecond) => number | null,
): LineSeries[] {
  return byStrategy(series, strategies).map(({ strategy, seconds }) => ({
    key: strategy,
    label: label(strategy),
    color: strategyColor[strategy],
    points: seconds.map((s) => ({ x: s.t, y: value(s) })),
  }));
}

/** p50 (dotted), p95 (solid) and p99 (dashed) of each strategy. */
export function percentileLines(
  series: readonly LoadSecond[],
  strategies: readonly StrategyName[],
): LineSeries[] {
  const styles = [
    { key: 'p50', dash: '2 3' },
    { key: 'p95', dash: undefined },
    { key: 'p99', dash: '6 3' },
  ] as const;
  return byStrategy(series, strategies).flatMap(({ strategy, seconds }) =>
    styles.map((st) => ({
      key: `${strategy}-${st.key}`,
      label: `${label(strategy)} ${st.key}`,
      color: strategyColor[strategy],
      dash: st.dash,
      // A second without a successful request has no latency: a gap, not a drop to 0.
      points: seconds.map((s) => ({ x: s.t, y: okRequests(s) > 0 ? s[st.key] : null })),
    })),
  );
}

// One definition for the charts and the CSV export (shared/src/load-export.ts).
export { errorTotal, okRequests };

/** Schedule lag is measured on requests that finished: a second where none did has no value. */
export const lagP95 = (s: LoadSecond) => (s.requests > 0 ? s.lagP95 : null);

/** Colours of the error groups, in order of first appearance: none of them a strategy's alone. */
const groupColors = [
  'var(--c-error)',
  'var(--c-orange)',
  'var(--c-purple)',
  'var(--c-sky)',
  'var(--c-green)',
  'var(--c-yellow)',
];
/** Strategies told apart by dash when they share a group's colour. */
const strategyDashes = [undefined, '6 3', '2 3', '8 3 2 3', '1 2'];

/**
 * Errors per second by group (SQLSTATE, or a client-side reason such as `pool-timeout`): one line
 * per group and strategy that had any, coloured by group and dashed by strategy. A second without
 * an error of the group is a real 0.
 */
export function errorLines(series: readonly LoadSecond[], strategies: readonly StrategyName[]): LineSeries[] {
  const groups: string[] = [];
  for (const s of series) for (const k of Object.keys(s.errors)) if (!groups.includes(k)) groups.push(k);
  return groups.flatMap((group, gi) =>
    byStrategy(series, strategies).flatMap(({ strategy, seconds }, si) =>
      seconds.some((s) => (s.errors[group] ?? 0) > 0)
        ? [
            {
              key: `${strategy}-${group}`,
              label: `${group} · ${label(strategy)}`,
              color: groupColors[gi % groupColors.length]!,
              dash: strategyDashes[si % strategyDashes.length],
              points: seconds.map((s) => ({ x: s.t, y: s.errors[group] ?? 0 })),
            },
          ]
        : [],
    ),
  );
}

/** Latency against percentile, x spaced by "nines" (log of 1/(1-p)) as HdrHistogram plots do. */
export function distributionLines(results: readonly LoadResult[]): LineSeries[] {
  return results.map((r) => ({
    key: r.strategy,
    label: label(r.strategy),
    color: strategyColor[r.strategy],
    points: r.distribution
      .filter((d) => d.percentile < 100)
      .map((d) => ({ x: nines(d.percentile), y: d.ms })),
  }));
}

/** 0 → 0, 90 → 1, 99 → 2, 99.9 → 3. */
export const nines = (percentile: number) => 0 - Math.log10(1 - Math.min(percentile, 99.999) / 100) || 0;

/** Throughput or p95 against pool size; a step refused by max_connections (53300) is drawn and marked. */
export function sweepLines(points: readonly SweepPoint[], value: (p: SweepPoint) => number): LineSeries[] {
  const strategies = [...new Set(points.map((p) => p.strategy))];
  return strategies.map((s) => ({
    key: s,
    label: label(s),
    color: strategyColor[s],
    points: points
      .filter((p) => p.strategy === s)
      .map((p) => ({ x: p.poolSize, y: value(p), ...(p.maxConnectionsHit ? { marked: true } : {}) })),
  }));
}

/** Seconds as ranges: [1, 2, 3, 7] → "1–3, 7". */
function ranges(ts: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ts.length; i++) {
    let j = i;
    while (j + 1 < ts.length && ts[j + 1] === ts[j]! + 1) j++;
    out.push(i === j ? `${ts[i]}` : `${ts[i]}–${ts[j]}`);
    i = j;
  }
  return out.join(', ');
}

/**
 * Per strategy, the seconds the server marked as generator-bound (a generator thread busy nearly
 * all the time or its event loop behind): its latency there includes waiting for the generator.
 */
export function generatorNotes(series: readonly LoadSecond[], strategies: readonly StrategyName[]): string[] {
  return byStrategy(series, strategies).flatMap(({ strategy, seconds }) => {
    const marked = seconds.filter((s) => s.generatorSaturated).map((s) => s.t);
    if (marked.length === 0) return [];
    const n = marked.length;
    return [
      `${label(strategy)}: the load generator was the limit in ${n === 1 ? 'second' : 'seconds'} ${ranges(marked)} (${n} of ${seconds.length}); latency there includes waiting for it. Add generator threads or run the load from another machine (export to pgbench or k6).`,
    ];
  });
}
