import { formatMsFixed } from '@gatherscope/shared';
import { type ScaleLinear, scaleLinear } from 'd3';

export type TimeScale = ScaleLinear<number, number>;

/** A domain end a little past the longest thing to show, so the last bar does not touch the edge. */
export function sharedDomainEnd(endsMs: readonly number[]): number {
  const max = Math.max(0, ...endsMs.filter(Number.isFinite));
  return max > 0 ? max * 1.04 : 1;
}

/** Time (ms from trial start) to x pixels: the one function every panel and the axis share. */
export function timeScale(domainEndMs: number, widthPx: number): TimeScale {
  return scaleLinear()
    .domain([0, Math.max(domainEndMs, 1e-6)])
    .range([0, Math.max(widthPx, 1)]);
}

/** Pixel extent of an interval, at least `minPx` wide so a 0.05 ms query stays visible and hoverable. */
export function barExtent(
  scale: TimeScale,
  startMs: number,
  endMs: number,
  minPx = 1,
): { x: number; width: number } {
  const x = scale(startMs);
  const width = Math.max(scale(endMs) - x, minPx);
  return { x, width };
}

/** Ticks of the visible domain with labels in the unit that fits the span of the domain. */
export function timeTicks(scale: TimeScale, count: number): { value: number; label: string }[] {
  const [d0, d1] = scale.domain() as [number, number];
  const span = d1 - d0;
  const inSeconds = span >= 5000;
  const step = scale.ticks(count);
  const decimals = (() => {
    if (step.length < 2) return 0;
    const delta = (step[1]! - step[0]!) / (inSeconds ? 1000 : 1);
    return Math.max(0, Math.min(3, -Math.floor(Math.log10(delta))));
  })();
  return step.map((value) => ({
    value,
    label: formatMsFixed(value, decimals, inSeconds ? 's' : 'ms'),
  }));
}
