import { type RunSettings, RunSettingsSchema, type Workload } from '@gatherscope/shared';
import { describe, expect, inject, it } from 'vitest';
import { LoadPool } from '../../src/db/load/load-pool';
import { createProfiler } from '../../src/engine/profiler';
import { runRequest } from '../../src/load/request';
import { gatherscopeBackends } from '../pg-admin';
import { noneLeft, sleep, terminate, until } from './helpers';

const settings = (over: Partial<RunSettings> = {}): RunSettings =>
  RunSettingsSchema.parse({ strategies: ['concurrent'], trials: 1, warmup: 0, poolSize: 3, ...over });

const sleepy: Workload = {
  name: 'sleepy',
  queries: [
    { id: 'a', sql: 'SELECT pg_sleep(0.8), count(*) FROM users' },
    { id: 'b', sql: 'SELECT pg_sleep(0.8), count(*) FROM orders' },
    { id: 'c', sql: 'SELECT 1' },
  ],
};

describe('backends killed under Gatherscope', () => {
  const url = inject('demoUrl');

  it('mid-query: the affected spans fail with the SQLSTATE, the trial ends, the next trial works', async () => {
    const profiler = await createProfiler({ url, workload: sleepy, settings: settings() });
    const seen = new Set<number>();
    try {
      const trial = profiler.runTrial('concurrent', { trial: 0 });
      await sleep(300);
      expect(await terminate(url, profiler.activeBackendPids())).toBeGreaterThanOrEqual(2);
      const r = await trial;
      expect(r.failed).toBe(true);
      const killed = r.spans.filter((s) => s.queryId !== 'c');
      for (const s of killed) {
        expect(s.error).toMatchObject({ kind: 'connection', sqlstate: '57P01' });
        expect(s.end).toBeLessThan(800);
      }
      const next = await profiler.runTrial('concurrent', { trial: 1 });
      expect(next.failed).toBe(false);
      expect(next.spans.map((s) => s.rows)).toEqual([1, 1, 1]);
      for (const p of profiler.activeBackendPids()) seen.add(p);
    } finally {
      await profiler.close();
    }
    await noneLeft(url, [...seen]);
  });

  it('idle, between trials: the pool replaces them and the process does not crash', async () => {
    const quick: Workload = {
      name: 'quick',
      queries: [
        { id: 'a', sql: 'SELECT 1' },
        { id: 'b', sql: 'SELECT 2' },
      ],
    };
    const profiler = await createProfiler({ url, workload: quick, settings: settings({ poolSize: 2 }) });
    const seen = new Set<number>();
    try {
      expect((await profiler.runTrial('concurrent', { trial: 0 })).failed).toBe(false);
      expect(await terminate(url, profiler.activeBackendPids())).toBe(2);
      // The 'error' of an idle connection arrives now: an unhandled one would crash the worker.
      await sleep(200);
      let ok = 0;
      for (let t = 1; t <= 3; t++) if (!(await profiler.runTrial('concurrent', { trial: t })).failed) ok++;
      // At most the first trial after the kill can still meet a dead connection.
      expect(ok).toBeGreaterThanOrEqual(2);
      for (const p of profiler.activeBackendPids()) seen.add(p);
    } finally {
      await profiler.close();
    }
    await noneLeft(url, [...seen]);
  });

  it('between the requests of a load test: requests after the kill succeed on new connections', async () => {
    const pool = new LoadPool({ url, size: 2, applicationName: 'gatherscope-load-faults', readOnly: true });
    const workload: Workload = { name: 'w', queries: [{ id: 'a', sql: 'SELECT count(*) FROM products' }] };
    const outcomes: (string | undefined)[] = [];
    try {
      for (let i = 0; i < 4; i++)
        outcomes.push(
          (await runRequest(workload, 'concurrent', pool, { boundedK: 1, stopped: () => false })).error,
        );
      const pids = (await gatherscopeBackends(url))
        .filter((b) => b.app === 'gatherscope-load-faults')
        .map((b) => b.pid);
      expect(await terminate(url, pids)).toBeGreaterThanOrEqual(1);
      await sleep(200);
      for (let i = 0; i < 6; i++)
        outcomes.push(
          (await runRequest(workload, 'concurrent', pool, { boundedK: 1, stopped: () => false })).error,
        );
    } finally {
      await pool.pool.end();
    }
    expect(outcomes.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
    expect(outcomes.slice(-3)).toEqual([undefined, undefined, undefined]);
    await until(
      async () => (await gatherscopeBackends(url)).every((b) => b.app !== 'gatherscope-load-faults'),
      3_000,
      'backends left after the load test',
    );
  });
});
