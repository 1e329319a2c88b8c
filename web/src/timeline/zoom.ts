import { formatMs, formatMsFixed } from '@gatherscope/shared';
import { type ZoomTransform, zoomIdentity } from 'd3';
import { MAX_ZOOM } from './geometry';
import type { TimeScale } from './scale';

/** The visible time range of a base scale under a zoom transform. */
export function visibleRange(base: TimeScale, t: Pick<ZoomTransform, 'k' | 'x'>): [number, number] {
  const [r0, r1] = base.range() as [number, number];
  return [base.invert((r0 - t.x) / t.k), base.invert((r1 - t.x) / t.k)];
}

/** Below 10 µs a timeline shows nothing a span's timestamps can tell apart. */
export const MIN_VISIBLE_MS = 0.01;

/**
 * The narrowest range zooming may show: 1/MAX_ZOOM of the domain, and never under 10 µs, so
 * "Zoom in" stops at a range whose two ends still read differently.
 */
export function minVisibleMs(base: TimeScale): number {
  const [d0, d1] = base.domain() as [number, number];
  return Math.max(MIN_VISIBLE_MS, (d1 - d0) / MAX_ZOOM);
}

/**
 * The transform that shows [t0, t1] of the base scale, clamped to the base domain; a range
 * narrower than `minVisibleMs` is widened around its centre.
 */
export function transformForRange(base: TimeScale, t0: number, t1: number): ZoomTransform {
  const [d0, d1] = base.domain() as [number, number];
  let a = Math.max(d0, Math.min(t0, t1));
  let b = Math.min(d1, Math.max(t0, t1));
  if (!(b > a)) return zoomIdentity;
  const min = minVisibleMs(base);
  if (b - a < min) {
    const mid = (a + b) / 2;
    a = Math.max(d0, Math.min(d1 - min, mid - min / 2));
    b = Math.min(d1, a + min);
  }
  const [r0, r1] = base.range() as [number, number];
  const k = Math.min(MAX_ZOOM, Math.max(1, (r1 - r0) / (base(b) - base(a))));
  return zoomIdentity.translate(clampX(r0 - base(a) * k, k, r0, r1), 0).scale(k);
}

/** Keeps the zoomed content covering the viewport: no empty space left or right of the domain. */
function clampX(x: number, k: number, r0: number, r1: number): number {
  return Math.min(r0 * (1 - k), Math.max(r1 * (1 - k), x));
}

/** Zooms by `factor` around the centre of the visible range (buttons and keyboard). */
export function zoomBy(base: TimeScale, t: Pick<ZoomTransform, 'k' | 'x'>, factor: number): ZoomTransform {
  const [v0, v1] = visibleRange(base, t);
  const mid = (v0 + v1) / 2;
  const half = (v1 - v0) / 2 / factor;
  return transformForRange(base, mid - half, mid + half);
}

/** Pans by a fraction of the visible range (keyboard arrows). */
export function panBy(base: TimeScale, t: Pick<ZoomTransform, 'k' | 'x'>, fraction: number): ZoomTransform {
  const [v0, v1] = visibleRange(base, t);
  const [d0, d1] = base.domain() as [number, number];
  const width = v1 - v0;
  let a = v0 + width * fraction;
  a = Math.max(d0, Math.min(d1 - width, a));
  return transformForRange(base, a, a + width);
}

/**
 * "177.57 ms – 177.73 ms": the visible range with as many decimals as its width needs for its
 * two ends to differ (at most three: microseconds), where a fixed format would read "178 ms – 178 ms".
 */
export function formatVisibleRange(v0: number, v1: number): string {
  const width = Math.abs(v1 - v0);
  if (!(width < 10)) return `${formatMs(v0)} – ${formatMs(v1)}`;
  const decimals = Math.min(3, Math.max(1, Math.ceil(-Math.log10(Math.max(width, 0.001))) + 1));
  return `${formatMsFixed(v0, decimals)} – ${formatMsFixed(v1, decimals)}`;
}
