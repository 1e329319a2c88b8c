import { bin } from 'd3';
import type { TimeScale } from './scale';

export interface Dot {
  x: number;
  /** 0 for the first dot of its bin, 1 for the next one stacked above it, … */
  stack: number;
  value: number;
}

/**
 * A dot plot of wall times: values are binned by `binPx` pixels on the scale, and dots in one bin
 * stack up, so the shape of the distribution shows without a smoothing model.
 */
export function dotPlot(values: readonly number[], scale: TimeScale, binPx: number): Dot[] {
  const [r0, r1] = scale.range() as [number, number];
  const thresholds = Math.max(1, Math.round((r1 - r0) / Math.max(binPx, 1)));
  const [d0, d1] = scale.domain() as [number, number];
  const step = (d1 - d0) / thresholds;
  const bins = bin<number, number>()
    .domain([d0, d1])
    .thresholds(Array.from({ length: thresholds - 1 }, (_, i) => d0 + step * (i + 1)))(
    values.filter((v) => v >= d0 && v <= d1),
  );
  const dots: Dot[] = [];
  for (const b of bins) {
    const centre = scale(((b.x0 ?? d0) + (b.x1 ?? d1)) / 2);
    const sorted = [...b].sort((a, c) => a - c);
    sorted.forEach((value, stack) => {
      dots.push({ x: centre, stack, value });
    });
  }
  return dots;
}
