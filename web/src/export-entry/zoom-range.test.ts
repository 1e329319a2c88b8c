import { describe, expect, it } from 'vitest';
import { clampRange, panRange, zoomRange } from './zoom-range';

describe('zoom ranges of the exported timeline', () => {
  it('zooms around the anchor and back out to the whole run', () => {
    expect(zoomRange(undefined, 100, 2)).toEqual([25, 75]);
    expect(zoomRange(undefined, 100, 2, 0)).toEqual([0, 50]);
    expect(zoomRange([0, 50], 100, 2, 1)).toEqual([25, 50]);
    expect(zoomRange([25, 75], 100, 0.5)).toBeUndefined();
  });

  it('never leaves the run nor zooms deeper than a 2000th of it', () => {
    expect(clampRange(-10, 20, 100)).toEqual([0, 30]);
    expect(clampRange(90, 120, 100)).toEqual([70, 100]);
    expect(clampRange(50, 50, 100)).toEqual([50, 50.05]);
  });

  it('pans by a fraction of the visible width, stopping at the ends', () => {
    expect(panRange([20, 40], 100, 0.5)).toEqual([30, 50]);
    expect(panRange([20, 40], 100, -5)).toEqual([0, 20]);
    expect(panRange(undefined, 100, 0.5)).toBeUndefined();
  });
});
