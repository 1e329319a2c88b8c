import { extent, line, max, type ScaleLinear, scaleLinear, scaleLog } from 'd3';

export interface Size {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface Point {
  x: number;
  /** null: no value here (a second without a successful request); the line has a gap, not a 0. */
  y: number | null;
  /** Drawn with a ring: a measured point that needs a second look (a sweep step refused by 53300). */
  marked?: boolean;
}

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  dash?: string | undefined;
  points: readonly Point[];
}

export interface Tick {
  value: number;
  pos: number;
  label: string;
}

export interface LineLayout {
  paths: {
    key: string;
    label: string;
    color: string;
    dash: string | undefined;
    d: string;
    /** Positions of the marked points. */
    marks: { x: number; y: number }[];
  }[];
  xTicks: Tick[];
  yTicks: Tick[];
  innerWidth: number;
  innerHeight: number;
}

const fmt = (v: number) =>
  Math.abs(v) >= 1000
    ? `${Number((v / 1000).toFixed(1))}k`
    : Number.isInteger(v)
      ? String(v)
      : String(Number(v.toFixed(2)));

/**
 * Lays out line series in a box: d3 picks the scales, ticks and path strings; React draws them.
 * `xLog2` spaces x on a log2 scale (pool sizes 1, 2, 4 …); y always starts at zero so heights compare.
 */
export function layoutLines(
  series: readonly LineSeries[],
  size: Size,
  opts: { xLog2?: boolean; xTicks?: readonly number[] } = {},
): LineLayout {
  const innerWidth = Math.max(10, size.width - size.margin.left - size.margin.right);
  const innerHeight = Math.max(10, size.height - size.margin.top - size.margin.bottom);
  const all = series.flatMap((s) => s.points);
  const [x0 = 0, x1 = 1] = extent(all, (p) => p.x);
  const yMax = max(all, (p) => p.y ?? undefined) ?? 0;
  const y = scaleLinear()
    .domain([0, yMax > 0 ? yMax : 1])
    .nice()
    .range([innerHeight, 0]);
  const xs = opts.xLog2
    ? scaleLog()
        .base(2)
        .domain([Math.max(1, x0), Math.max(2, x1)])
        .range([0, innerWidth])
    : scaleLinear()
        .domain([x0, x1 > x0 ? x1 : x0 + 1])
        .range([0, innerWidth]);
  const gen = line<Point>()
    .defined((p) => p.y !== null)
    .x((p) => xs(p.x))
    .y((p) => y(p.y ?? 0));
  const xValues = opts.xTicks
    ? opts.xTicks.filter((v) => v >= x0 && v <= x1)
    : opts.xLog2
      ? [...new Set(all.map((p) => p.x))].sort((a, b) => a - b)
      : (xs as ScaleLinear<number, number>).ticks(Math.min(8, Math.max(2, Math.floor(innerWidth / 60))));
  return {
    paths: series.map((s) => ({
      key: s.key,
      label: s.label,
      color: s.color,
      dash: s.dash,
      d: gen([...s.points]) ?? '',
      marks: s.points.flatMap((p) => (p.marked && p.y !== null ? [{ x: xs(p.x), y: y(p.y) }] : [])),
    })),
    xTicks: xValues.map((v) => ({ value: v, pos: xs(v), label: fmt(v) })),
    yTicks: y.ticks(4).map((v) => ({ value: v, pos: y(v), label: fmt(v) })),
    innerWidth,
    innerHeight,
  };
}
