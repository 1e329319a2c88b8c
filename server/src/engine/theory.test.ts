import { describe, expect, it } from 'vitest';
import {
  criticalPathMs,
  listScheduleMs,
  type ModelQuery,
  maxMs,
  pipelinedMs,
  strategyModelMs,
  sumMs,
  waveCount,
  wavesMs,
} from './theory';

const q = (id: string, ms: number, dependsOn: string[] = []): ModelQuery => ({ id, ms, dependsOn });
const slow = [q('a', 50), q('b', 100), q('c', 80), q('d', 70)];
// a(10) → b(30), a → c(20) → d(5); e(40) independent.
const dag = [q('a', 10), q('b', 30, ['a']), q('c', 20, ['a']), q('d', 5, ['c']), q('e', 40)];

describe('theory', () => {
  it('sums and takes the longest query', () => {
    expect(sumMs(slow)).toBe(300);
    expect(maxMs(slow)).toBe(100);
  });

  it('list-schedules the slow dashboard on two slots, each query on the slot that frees first', () => {
    // slot1: a 0–50, c 50–130; slot2: b 0–100, d 100–170.
    expect(listScheduleMs(slow, 2)).toBe(170);
    expect(listScheduleMs(slow, 1)).toBe(300);
    expect(listScheduleMs(slow, 10)).toBe(100);
  });

  it('follows the longest dependency chain', () => {
    // a 10 + c 20 + d 5 = 35 < a + b = 40 = e 40.
    expect(criticalPathMs(dag)).toBe(40);
  });

  it('runs waves one after another', () => {
    // wave 0: a, e → 40; wave 1: b, c → 30; wave 2: d → 5.
    expect(wavesMs(dag, 10)).toBe(75);
    // On one slot every wave is a sum: 50 + 50 + 5.
    expect(wavesMs(dag, 1)).toBe(105);
  });

  it('respects dependencies on k slots', () => {
    // k=2: a 0–10 (s1), e 0–40 (s2), b 10–40 (s1), c 40–60 (s1 frees at 40, s2 at 40: s1), d 60–65.
    expect(listScheduleMs(dag, 2)).toBe(65);
    // Waves on the same two slots wait for each whole wave: (a, e) 40 + (b, c) 30 + d 5.
    expect(wavesMs(dag, 2)).toBe(75);
  });

  it('gives each strategy its model', () => {
    const settings = { poolSize: 10, boundedK: 2, rttMs: 0 };
    expect(strategyModelMs('sequential', slow, settings)).toBe(300);
    expect(strategyModelMs('single-connection', slow, settings)).toBe(300);
    expect(strategyModelMs('concurrent', slow, settings)).toBe(100);
    expect(strategyModelMs('bounded', slow, settings)).toBe(170);
    expect(strategyModelMs('dependency-aware', dag, settings)).toBe(40);
    expect(strategyModelMs('concurrent', dag, settings)).toBe(75);
    // Without network, pipelining saves nothing: the server runs the statements one after another.
    expect(strategyModelMs('pipelined', slow, settings)).toBe(300);
  });

  it('models pipelined as one round trip per wave plus the statements one after another', () => {
    // Five trivial queries measured at 30.5 ms each under a 30 ms round trip: one round trip
    // pipelined, like concurrent, on one connection instead of five.
    const trivial = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, ms: 30.5, dependsOn: [] }));
    expect(pipelinedMs(trivial, 30)).toBeCloseTo(30 + 5 * 0.5, 9);
    expect(strategyModelMs('sequential', trivial, { poolSize: 10, boundedK: 2, rttMs: 30 })).toBe(152.5);
    // The slow dashboard (50–100 ms queries, each measured with its 30 ms round trip): their
    // sum, plus ONE round trip instead of four.
    const slow30 = slow.map((q) => ({ ...q, ms: q.ms + 30 }));
    expect(pipelinedMs(slow30, 30)).toBe(300 + 30);
    // Waves: the dag has three (a, e | b, c | d): three round trips, never fewer.
    expect(waveCount(dag)).toBe(3);
    expect(pipelinedMs(dag, 5)).toBe(3 * 5 + (10 + 30 + 20 + 5 + 40) - 5 * 5);
    // A query faster than the round trip costs nothing beyond its wave's round trip.
    expect(pipelinedMs([{ id: 'x', ms: 2, dependsOn: [] }], 30)).toBe(30);
  });
});
