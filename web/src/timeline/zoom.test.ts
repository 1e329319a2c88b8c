import { zoomIdentity } from 'd3';
import { describe, expect, it } from 'vitest';
import { timeScale } from './scale';
import {
  formatVisibleRange,
  MIN_VISIBLE_MS,
  minVisibleMs,
  panBy,
  transformForRange,
  visibleRange,
  zoomBy,
} from './zoom';

const base = timeScale(400, 800);

describe('zoom', () => {
  it('shows the whole domain without a transform', () => {
    expect(visibleRange(base, zoomIdentity)).toEqual([0, 400]);
  });

  it('round-trips a time range through a transform', () => {
    const t = transformForRange(base, 100, 200);
    expect(t.k).toBeCloseTo(4);
    const [a, b] = visibleRange(base, t);
    expect(a).toBeCloseTo(100);
    expect(b).toBeCloseTo(200);
  });

  it('clamps a range that runs past the domain', () => {
    const [a, b] = visibleRange(base, transformForRange(base, 350, 900));
    expect(a).toBeCloseTo(350);
    expect(b).toBeCloseTo(400);
    expect(transformForRange(base, 5, 5)).toBe(zoomIdentity);
  });

  it('zooms in around the centre and narrows the visible range', () => {
    const [a, b] = visibleRange(base, zoomBy(base, zoomIdentity, 2));
    expect(a).toBeCloseTo(100);
    expect(b).toBeCloseTo(300);
    expect(zoomBy(base, zoomIdentity, 0.5).k).toBe(1);
  });

  it('pans within the domain and stops at its edges', () => {
    const t = transformForRange(base, 0, 100);
    const [a] = visibleRange(base, panBy(base, t, 0.5));
    expect(a).toBeCloseTo(50);
    const [c, d] = visibleRange(base, panBy(base, t, 100));
    expect(c).toBeCloseTo(300);
    expect(d).toBeCloseTo(400);
  });

  it('stops zooming in at a minimum visible range, 1/2000 of the domain or 10 µs', () => {
    let t = transformForRange(base, 0, 400);
    for (let i = 0; i < 30; i++) t = zoomBy(base, t, 2);
    const [a, b] = visibleRange(base, t);
    expect(b - a).toBeCloseTo(minVisibleMs(base));
    expect(minVisibleMs(base)).toBeCloseTo(0.2);
    const tiny = timeScale(0.5, 800);
    expect(minVisibleMs(tiny)).toBe(MIN_VISIBLE_MS);
    const [c, d] = visibleRange(tiny, transformForRange(tiny, 0.1, 0.1001));
    expect(d - c).toBeCloseTo(MIN_VISIBLE_MS);
    expect(c).toBeCloseTo(0.1 + 0.00005 - MIN_VISIBLE_MS / 2);
  });

  it('formats a narrow visible range with enough decimals for its ends to differ', () => {
    expect(formatVisibleRange(177.574, 177.731)).toBe('177.57 ms – 177.73 ms');
    expect(formatVisibleRange(0.1, 0.11)).toBe('0.100 ms – 0.110 ms');
    expect(formatVisibleRange(175.2, 180.24)).toBe('175.2 ms – 180.2 ms');
    expect(formatVisibleRange(0, 400)).toBe('0.00 ms – 400 ms');
  });
});
