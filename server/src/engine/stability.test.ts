import { describe, expect, it } from 'vitest';
import { measureStability, splitHalfDrift } from './stability';

const steady = [10, 10.2, 9.9, 10.1, 10, 10.3, 9.8, 10.1, 10, 10.2];

describe('stability of a run', () => {
  it('is quiet for steady trials on an idle machine', () => {
    const s = measureStability({
      wallsInOrder: [steady, steady.map((x) => x / 2)],
      headline: { estimate: 2, low: 1.9, high: 2.1 },
      loadPerCore: 0.2,
    });
    expect(s.noisy).toBe(false);
    expect(s.notes).toEqual([]);
    expect(s.ciRelativeWidth).toBeCloseTo(0.1);
  });

  it('names a long tail, drift between halves, a wide interval and a busy machine, then what to do', () => {
    const drifting = [10, 10, 10, 10, 10, 20, 20, 20, 20, 20];
    const tail = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9];
    const s = measureStability({
      wallsInOrder: [drifting, tail],
      headline: { estimate: 2, low: 1, high: 3 },
      loadPerCore: 1.5,
    });
    expect(s.noisy).toBe(true);
    expect(s.drift).toBeCloseTo(1);
    expect(s.tailRatio).toBeGreaterThanOrEqual(3);
    expect(s.notes[0]).toContain('the p95 is');
    expect(s.notes[0]).toContain('moved 100% between the first and second half');
    expect(s.notes[0]).toContain('the 95% interval is 100% of the estimate wide');
    expect(s.notes[0]).toContain('load 1.5 per core');
    expect(s.notes[1]).toContain('run more trials, detach the live view');
  });

  it('measures drift only with enough trials', () => {
    expect(splitHalfDrift([1, 2, 3])).toBe(0);
    expect(splitHalfDrift([1, 1, 2, 2])).toBe(1);
  });
});
