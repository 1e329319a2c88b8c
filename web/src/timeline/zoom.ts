import { type ZoomTransform, zoomIdentity } from 'd3';
import { MAX_ZOOM } from './geometry';
import type { TimeScale } from './scale';

/** The visible time range of a base scale under a zoom transform. */
export function visibleRange(base: TimeScale, t: Pick<ZoomTransform, 'k' | 'x'>): [number, number] {
  const [r0, r1] = base.range() as [number, number];
  return [base.invert((r0 - t.x) / t.k), base.invert((r1 - t.x) / t.k)];
}

/** The transform that shows exactly [t0, t1] of the base scale, clamped to the base domain. */
export function transformForRange(base: TimeScale, t0: number, t1: number): ZoomTransform {
  const [d0, d1] = base.domain() as [number, number];
  const a = Math.max(d0, Math.min(t0, t1));
  const b = Math.min(d1, Math.max(t0, t1));
  if (!(b > a)) return zoomIdentity;
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
