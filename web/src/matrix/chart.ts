import type { WhatIfPoint } from '@gatherscope/shared';
import { extent, line, max, median, scaleLinear } from 'd3';

export interface ChartSize {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface SeriesPath {
  key: 'sequential' | 'concurrent';
  d: string;
}

export interface ChartGeometry {
  paths: SeriesPath[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** x of the chosen arrival rate. */
  marker: number;
  innerWidth: number;
  innerHeight: number;
}

type Metric = 'latency' | 'throughput';

const value = (p: WhatIfPoint, key: SeriesPath['key'], metric: Metric): number | null =>
  metric === 'latency'
    ? key === 'sequential'
      ? p.sequentialMs
      : p.concurrentMs
    : key === 'sequential'
      ? p.sequentialThroughput
      : p.concurrentThroughput;

const fmt = (v: number) =>
  v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)}k` : v >= 10 ? v.toFixed(0) : v.toFixed(1);

/**
 * Scales, ticks and line paths of one what-if plot (latency or throughput against arrival rate).
 * Latency is cut at 4× the concurrent latency alone so a curve that runs off to saturation does not
 * flatten everything else; points past capacity (null) end the line.
 */
export function chartGeometry(
  curve: readonly WhatIfPoint[],
  metric: Metric,
  rate: number,
  size: ChartSize,
): ChartGeometry {
  const innerWidth = Math.max(10, size.width - size.margin.left - size.margin.right);
  const innerHeight = Math.max(10, size.height - size.margin.top - size.margin.bottom);
  const [x0, x1] = extent(curve, (p) => p.ratePerSec) as [number, number];
  const x = scaleLinear()
    .domain([x0 ?? 0, x1 && x1 > 0 ? x1 : 1])
    .range([0, innerWidth]);
  const values = curve.flatMap((p) => [value(p, 'sequential', metric), value(p, 'concurrent', metric)]);
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const base = curve[0];
  const cap =
    metric === 'latency' && base
      ? 4 * Math.max(base.sequentialMs ?? 0, base.concurrentMs ?? 0)
      : Number.POSITIVE_INFINITY;
  const top = Math.min(max(finite) ?? 1, cap) || 1;
  const y = scaleLinear().domain([0, top]).range([innerHeight, 0]).nice();
  const paths = (['sequential', 'concurrent'] as const).map((key) => {
    const gen = line<WhatIfPoint>()
      .defined((p) => {
        const v = value(p, key, metric);
        return v !== null && v <= y.domain()[1]!;
      })
      .x((p) => x(p.ratePerSec))
      .y((p) => y(value(p, key, metric) ?? 0));
    return { key, d: gen([...curve]) ?? '' };
  });
  return {
    paths,
    xTicks: x.ticks(5).map((t) => ({ x: x(t), label: fmt(t) })),
    yTicks: y.ticks(4).map((t) => ({ y: y(t), label: fmt(t) })),
    marker: x(Math.min(rate, x.domain()[1]!)),
    innerWidth,
    innerHeight,
  };
}

/** Median of the absolute relative errors: one number for "how far off is the model". */
export const medianAbsError = (errors: readonly number[]): number | null =>
  median(errors, (e) => Math.abs(e)) ?? null;
