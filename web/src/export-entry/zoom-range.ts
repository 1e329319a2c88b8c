import { MAX_ZOOM } from '../timeline/geometry';

/** A visible time range in ms; undefined means the whole run. */
export type TimeRange = [number, number] | undefined;

/** Keeps a range inside [0, end] and no narrower than end / MAX_ZOOM; the whole run becomes undefined. */
export function clampRange(a: number, b: number, end: number): TimeRange {
  const w = Math.min(end, Math.max(b - a, end / MAX_ZOOM));
  if (w >= end) return undefined;
  const start = Math.max(0, Math.min(end - w, a));
  return [start, start + w];
}

/** Zooms by `factor` (2 = twice as close) keeping the time under `anchor` (0–1 of the width) in place. */
export function zoomRange(range: TimeRange, end: number, factor: number, anchor = 0.5): TimeRange {
  const [a, b] = range ?? [0, end];
  const at = a + (b - a) * anchor;
  const w = (b - a) / factor;
  return clampRange(at - w * anchor, at + w * (1 - anchor), end);
}

/** Moves a range by a fraction of its width (drag: pixels moved / plot width). */
export function panRange(range: TimeRange, end: number, fraction: number): TimeRange {
  if (!range) return undefined;
  const [a, b] = range;
  const shift = (b - a) * fraction;
  return clampRange(a + shift, b + shift, end);
}
