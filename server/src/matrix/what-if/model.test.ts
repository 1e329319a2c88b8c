import { describe, expect, it } from 'vitest';
import {
  concurrentAloneMs,
  erlangC,
  type ModelQuery,
  predictConcurrent,
  predictSequential,
  predictWhatIf,
  sequentialAloneMs,
} from './model';

const slow: ModelQuery[] = [
  { id: 'a', ms: 50, cpuMs: 0, dependsOn: [] },
  { id: 'b', ms: 100, cpuMs: 0, dependsOn: [] },
  { id: 'c', ms: 80, cpuMs: 0, dependsOn: [] },
  { id: 'd', ms: 70, cpuMs: 0, dependsOn: [] },
];
const alone = { rttMs: 0, poolSize: 10, dbCores: 4, ratePerSec: 0 };

describe('what-if model, one request alone', () => {
  it('sums for sequential, takes the longest for concurrent, list-schedules for a pool of 2', () => {
    expect(sequentialAloneMs(slow, alone)).toBe(300);
    expect(concurrentAloneMs(slow, alone)).toBe(100);
    // k=2: a(50) and b(100) start; c(80) starts at 50 → 130; d(70) starts at 100 → 170.
    expect(concurrentAloneMs(slow, { ...alone, poolSize: 2 })).toBe(170);
  });

  it('adds one round trip per query', () => {
    const sys = { ...alone, rttMs: 20 };
    expect(sequentialAloneMs(slow, sys)).toBe(380);
    expect(concurrentAloneMs(slow, sys)).toBe(120);
  });

  it('respects dependencies: a chain gains nothing', () => {
    const chain = slow.map((q, i) => ({ ...q, dependsOn: i === 0 ? [] : [slow[i - 1]!.id] }));
    expect(concurrentAloneMs(chain, alone)).toBe(300);
  });

  it('stretches CPU-bound queries when they outnumber the database cores', () => {
    const cpu = Array.from({ length: 8 }, (_, i) => ({ id: `q${i}`, ms: 100, cpuMs: 100, dependsOn: [] }));
    expect(concurrentAloneMs(cpu, { ...alone, dbCores: 2 })).toBe(400);
    expect(concurrentAloneMs(cpu, { ...alone, dbCores: 8 })).toBe(100);
  });
});

describe('what-if model under load', () => {
  it('computes Erlang C for textbook values', () => {
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 10);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 10);
  });

  it('gives both strategies the same capacity: concurrency moves connection time, it does not remove it', () => {
    const sys = { rttMs: 5, poolSize: 10, dbCores: 8, ratePerSec: 20 };
    const s = predictSequential(slow, sys);
    const c = predictConcurrent(slow, sys);
    expect(s.capacityPerSec).toBeCloseTo(c.capacityPerSec, 10);
    expect(s.capacityPerSec).toBeCloseTo((10 / 320) * 1000, 6);
    expect(c.latencyMs!).toBeLessThan(s.latencyMs!);
  });

  it('reports saturation beyond capacity instead of a finite latency', () => {
    const p = predictWhatIf({
      queries: 4,
      queryMs: 10,
      rttMs: 0,
      dependencies: 'independent',
      cpuMsPerRequest: 0,
      poolSize: 2,
      dbCores: 4,
      ratePerSec: 1000,
    });
    expect(p.sequential.latencyMs).toBeNull();
    expect(p.sequential.throughputPerSec).toBeCloseTo(50, 6);
    expect(p.sequential.bottleneck).toBe('pool');
  });

  it('names the database cores as the bottleneck for CPU-heavy requests', () => {
    const p = predictWhatIf({
      queries: 4,
      queryMs: 50,
      rttMs: 0,
      dependencies: 'independent',
      cpuMsPerRequest: 200,
      poolSize: 50,
      dbCores: 2,
      ratePerSec: 5,
    });
    expect(p.concurrent.bottleneck).toBe('cpu');
    expect(p.concurrent.capacityPerSec).toBeCloseTo(10, 6);
    // Latency grows with load: more than the 4 queries squeezed onto 2 cores (100 ms) alone.
    expect(p.concurrent.aloneMs).toBe(100);
    expect(p.concurrent.latencyMs!).toBeGreaterThan(100);
  });
});
