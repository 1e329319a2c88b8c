import { describe, expect, it } from 'vitest';
import { barExtent, sharedDomainEnd, timeScale, timeTicks } from './scale';

describe('time scale', () => {
  it('maps the shared domain onto the panel width linearly', () => {
    const s = timeScale(200, 1000);
    expect(s(0)).toBe(0);
    expect(s(100)).toBe(500);
    expect(s.invert(250)).toBe(50);
  });

  it('gives every panel the same domain: the longest thing shown plus a margin', () => {
    expect(sharedDomainEnd([100, 300, 250])).toBeCloseTo(312);
    expect(sharedDomainEnd([])).toBe(1);
  });

  it('keeps very short bars at least a pixel wide', () => {
    const s = timeScale(1000, 100);
    expect(barExtent(s, 10, 10.01)).toEqual({ x: 1, width: 1 });
    expect(barExtent(s, 0, 500).width).toBe(50);
  });

  it('labels ticks in ms, or in seconds for long domains', () => {
    expect(timeTicks(timeScale(300, 600), 4).map((t) => t.label)).toEqual([
      '0 ms',
      '100 ms',
      '200 ms',
      '300 ms',
    ]);
    expect(timeTicks(timeScale(2, 600), 2).map((t) => t.label)).toEqual(['0 ms', '1 ms', '2 ms']);
    expect(timeTicks(timeScale(20_000, 600), 2).map((t) => t.label)).toEqual(['0 s', '10 s', '20 s']);
    expect(timeTicks(timeScale(1, 600), 2).map((t) => t.label)).toEqual(['0.0 ms', '0.5 ms', '1.0 ms']);
  });
});
