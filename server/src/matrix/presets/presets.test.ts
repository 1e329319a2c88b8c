import { describe, expect, inject, it } from 'vitest';
import { createProfiler } from '../../engine/profiler';
import { coresFromPlateau } from './cpu';
import { presets } from './index';
import { compareUnderLoad } from './load';
import type { PresetContext } from './types';
import { iotWorkload } from './workloads';

const ctx = (): PresetContext => ({
  databaseUrl: inject('demoUrl'),
  embedded: true,
  createProfiler,
  signal: new AbortController().signal,
  mock: () => Promise.reject(new Error('no mock services in this test')),
});

describe('SQL presets through the engine', () => {
  it('blog/CMS: one query has nothing to overlap', async () => {
    const r = await presets['blog-cms'](ctx());
    expect(r.baseline.samples).toBe(30);
    expect(r.treatment.samples).toBe(30);
    expect(r.baseline.medianMs).toBeGreaterThan(0);
    // One query: nothing to overlap, so the two differ by timer noise only (sub-millisecond queries).
    expect(Math.abs(r.baseline.medianMs - r.treatment.medianMs)).toBeLessThan(2);
    // Local database: its CPU is read from /proc, so the share is known.
    expect(r.computeShare).not.toBeNull();
    // Only the preset's own backends and its measured trials: a request cannot compute longer than it lasts.
    expect(r.computeShare!).toBeLessThanOrEqual(1);
    expect(r.facts.some((f) => f.label.startsWith('CPU per sequential request'))).toBe(true);
    expect(r.sampleSpans!.every((s) => s.queryId === 'page')).toBe(true);
  });

  it('checkout: a chain gains nothing from dependency-aware execution', async () => {
    const r = await presets.checkout(ctx());
    expect(r.treatment.label).toBe('dependency-aware');
    // Four chained queries over RTT 5 ms: about 4 round trips either way (timers allow a little slack).
    expect(r.baseline.medianMs).toBeGreaterThanOrEqual(15);
    expect(r.treatment.medianMs).toBeGreaterThanOrEqual(15);
    expect(r.speedup.estimate).toBeLessThan(1.3);
    // 20 ms of the ~25 ms are simulated round trips: mostly waiting (wide margin for a busy machine).
    expect(r.computeShare!).toBeLessThan(0.6);
  });

  it('under load: measures throughput of both strategies with a shared pool, warning-free', async () => {
    // pg's "client.query() when the client is already executing a query" and MaxListenersExceeded
    // were printed here: virtual users starting together each reset the same idle connections.
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    const r = await compareUnderLoad(ctx(), {
      workload: iotWorkload,
      vus: 12,
      seconds: 1,
      settings: { poolSize: 4 },
    }).finally(() => process.off('warning', onWarning));
    expect(warnings).toEqual([]);
    expect(r.baseline.throughputPerSec!).toBeGreaterThan(10);
    expect(r.treatment.throughputPerSec!).toBeGreaterThan(10);
    expect(r.baseline.samples).toBeGreaterThan(10);
  });
});

describe('cores from the speedup plateau', () => {
  it('finds where the speedup stops following the number of queries', () => {
    expect(
      coresFromPlateau([
        { width: 1, speedup: 1 },
        { width: 2, speedup: 1.95 },
        { width: 4, speedup: 2.05 },
        { width: 8, speedup: 2.1 },
      ]),
    ).toBe(2);
    expect(
      coresFromPlateau([
        { width: 1, speedup: 1 },
        { width: 2, speedup: 2 },
        { width: 4, speedup: 3.9 },
        { width: 8, speedup: 4.1 },
      ]),
    ).toBe(4);
  });
});
