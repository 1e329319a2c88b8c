import { describe, expect, it } from 'vitest';
import { defaultThreads, splitPhase } from './split';

describe('splitting a phase over generator threads', () => {
  it('gives each thread its share of the users, requests and pool, adding up to the whole', () => {
    const shares = splitPhase({ kind: 'closed', vus: 10, thinkTimeMs: 5, rampUpS: 1 }, 7, 1001, 3);
    expect(shares.map((s) => s.poolSize)).toEqual([3, 2, 2]);
    expect(shares.map((s) => (s.model.kind === 'closed' ? s.model.vus : 0))).toEqual([4, 3, 3]);
    expect(shares.map((s) => s.maxRequests)).toEqual([334, 334, 333]);
    expect(shares.every((s) => s.model.kind === 'closed' && s.model.thinkTimeMs === 5)).toBe(true);
  });

  it('splits the arrival rate and the in-flight cap of the open model', () => {
    const shares = splitPhase({ kind: 'open', rate: 300, maxInFlight: 5, maxLagMs: 1000 }, 10, 100, 2);
    expect(shares.map((s) => (s.model.kind === 'open' ? [s.model.rate, s.model.maxInFlight] : []))).toEqual([
      [150, 3],
      [150, 2],
    ]);
  });

  it('runs no more threads than connections or users, and at least one', () => {
    expect(splitPhase({ kind: 'closed', vus: 200, thinkTimeMs: 0, rampUpS: 0 }, 1, 10, 4)).toHaveLength(1);
    expect(splitPhase({ kind: 'closed', vus: 2, thinkTimeMs: 0, rampUpS: 0 }, 10, 10, 4)).toHaveLength(2);
    expect(defaultThreads(1)).toBe(1);
    expect(defaultThreads(2)).toBe(1);
    expect(defaultThreads(4)).toBe(3);
    expect(defaultThreads(64)).toBe(8);
  });
});
