import { RunSettingsSchema } from '@gatherscope/shared';
import { describe, expect, inject, it } from 'vitest';
import { getBuiltinWorkload } from '../workloads/builtin';
import { createProfiler } from './profiler';

const has = (phases: { phase: string }[], name: string) => phases.some((p) => p.phase === name);

describe('createProfiler', () => {
  it('opens a new connection per trial with cold connections and counts the connect', async () => {
    const settings = RunSettingsSchema.parse({ strategies: ['sequential'], coldConnections: true });
    const p = await createProfiler({
      url: inject('demoUrl'),
      workload: getBuiltinWorkload('trivial'),
      settings,
    });
    try {
      const a = await p.runTrial('sequential', { trial: 0 });
      const b = await p.runTrial('sequential', { trial: 1 });
      expect(a.spans.map((s) => has(s.phases, 'connecting'))).toEqual([true, false, false, false]);
      expect(new Set(a.spans.map((s) => s.pid)).size).toBe(1);
      expect(b.spans[0]!.pid).not.toBe(a.spans[0]!.pid);
      const c = await p.runTrial('concurrent', { trial: 2 });
      expect(c.spans.every((s) => has(s.phases, 'connecting'))).toBe(true);
      expect(new Set(c.spans.map((s) => s.pid)).size).toBe(4);
    } finally {
      await p.close();
    }
  });

  it('makes a new connection pay the handshake and startup round trips through the latency proxy', async () => {
    const settings = RunSettingsSchema.parse({
      strategies: ['sequential'],
      coldConnections: true,
      rttMs: 30,
    });
    const p = await createProfiler({
      url: inject('demoUrl'),
      workload: getBuiltinWorkload('trivial'),
      settings,
    });
    try {
      const r = await p.runTrial('sequential', { trial: 0 });
      const connect = r.spans[0]!.phases.find((ph) => ph.phase === 'connecting')!;
      // TCP handshake + startup/authentication: at least two round trips.
      expect(connect.end - connect.start).toBeGreaterThanOrEqual(58);
      const exec = r.spans[1]!.phases.find((ph) => ph.phase === 'executing')!;
      expect(exec.end - exec.start).toBeGreaterThanOrEqual(29);
      expect(exec.end - exec.start).toBeLessThan(75);
    } finally {
      await p.close();
    }
  });

  it('keeps warm connections by default, and runs trials side by side on one pool', async () => {
    const settings = RunSettingsSchema.parse({ strategies: ['sequential'], poolSize: 4 });
    const p = await createProfiler({
      url: inject('demoUrl'),
      workload: getBuiltinWorkload('trivial'),
      settings,
    });
    try {
      expect(p.activeBackendPids()).toHaveLength(4);
      const runs = await Promise.all(
        [0, 1, 2, 3, 4, 5].map((i) => p.runTrial(i % 2 ? 'concurrent' : 'single-connection', { trial: i })),
      );
      for (const r of runs) {
        expect(r.failed).toBe(false);
        expect(r.spans.some((s) => has(s.phases, 'connecting'))).toBe(false);
      }
      expect(p.activeBackendPids()).toHaveLength(4);
    } finally {
      await p.close();
    }
    expect(p.activeBackendPids()).toEqual([]);
  });

  it('cancels only the aborted trial when trials share the pool', async () => {
    const workload = {
      name: 'sleep',
      queries: [{ id: 'sleep', sql: 'SELECT pg_sleep(0.4) AS slept' }],
    };
    const settings = RunSettingsSchema.parse({ strategies: ['sequential'], poolSize: 2 });
    const p = await createProfiler({ url: inject('demoUrl'), workload, settings });
    try {
      const stop = new AbortController();
      const stopped = p.runTrial('sequential', { trial: 0, signal: stop.signal });
      const kept = p.runTrial('sequential', { trial: 1 });
      setTimeout(() => stop.abort(), 100);
      const [s, k] = await Promise.all([stopped, kept]);
      expect(s.cancelled).toBe(true);
      expect(s.spans[0]!.error?.kind).toBe('cancelled');
      expect(s.spans[0]!.end).toBeLessThan(350);
      expect(k.cancelled).toBe(false);
      expect(k.spans[0]!.error).toBeUndefined();
    } finally {
      await p.close();
    }
  });
});
