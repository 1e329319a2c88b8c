import { zoomIdentity } from 'd3';
import { describe, expect, it } from 'vitest';
import { timeScale } from './scale';
import { panBy, transformForRange, visibleRange, zoomBy } from './zoom';

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
});
