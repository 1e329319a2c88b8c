import { describe, expect, it } from 'vitest';
import { dotPlot } from './distribution';
import { timeScale } from './scale';

describe('dotPlot', () => {
  it('stacks values of one bin and spreads distinct values along the axis', () => {
    const dots = dotPlot([10, 10.1, 10.2, 90], timeScale(100, 100), 5);
    expect(dots).toHaveLength(4);
    expect(dots.filter((d) => d.value < 11).map((d) => d.stack)).toEqual([0, 1, 2]);
    const far = dots.find((d) => d.value === 90)!;
    expect(far.stack).toBe(0);
    expect(far.x).toBeGreaterThan(85);
    expect(far.x).toBeLessThan(95);
  });

  it('drops values outside the domain', () => {
    expect(dotPlot([-1, 500], timeScale(100, 100), 5)).toEqual([]);
  });
});
