import { RunSettingsSchema, type Workload } from '@gatherscope/shared';
import { describe, expect, inject, it } from 'vitest';
import { createProfiler } from '../../src/engine/profiler';
import { sleep } from './helpers';
import { startStallProxy } from './stall-proxy';

const workload: Workload = {
  name: 'w',
  queries: [{ id: 'a', sql: 'SELECT pg_sleep(0.3), count(*) FROM users' }],
};

describe('the network to the database goes silent mid-run', () => {
  it('the statement fails after its time limit instead of hanging, naming the cause', {
    timeout: 30_000,
  }, async () => {
    const demo = new URL(inject('demoUrl'));
    const proxy = await startStallProxy(demo.hostname, Number(demo.port));
    const via = new URL(demo);
    via.port = String(proxy.port);
    const profiler = await createProfiler({
      url: via.toString(),
      workload,
      settings: RunSettingsSchema.parse({
        strategies: ['sequential'],
        trials: 1,
        warmup: 0,
        poolSize: 1,
        boundedK: 1,
      }),
      limits: { statementTimeoutMs: 1_000 },
    });
    try {
      expect((await profiler.runTrial('sequential', { trial: 0 })).failed).toBe(false);
      const t0 = performance.now();
      const trial = profiler.runTrial('sequential', { trial: 1 });
      await sleep(100);
      proxy.stall();
      const r = await trial;
      const ms = performance.now() - t0;
      // About 6 s on a quiet machine (the 1 s limit plus the client-side grace); the bound is wide
      // because a machine under heavy load stretches every timer, and a hang never ends at all.
      expect(ms).toBeLessThan(20_000);
      expect(r.failed).toBe(true);
      expect(r.spans[0]?.error?.kind).toBe('connection');
      expect(r.spans[0]?.error?.message).toMatch(/no answer/i);
    } finally {
      await Promise.race([profiler.close(), sleep(5_000)]);
      await proxy.close();
    }
  });
});
