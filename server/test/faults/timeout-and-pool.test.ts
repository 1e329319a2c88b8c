import { type RunSettings, RunSettingsSchema, type Workload } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createProfiler } from '../../src/engine/profiler';
import { runProfile } from '../../src/engine/run-profile';
import { isAppError } from '../../src/errors/app-error';
import { adminQuery } from '../pg-admin';
import { activeBackends, noneLeft } from './helpers';

const settings = (over: Partial<RunSettings> = {}): RunSettings =>
  RunSettingsSchema.parse({
    strategies: ['concurrent'],
    trials: 1,
    warmup: 0,
    poolSize: 4,
    boundedK: 1,
    ...over,
  });

describe('queries over their time limit, and exhausted pools', () => {
  const url = inject('demoUrl');

  it('a query over statement_timeout is cancelled on the server and reported as a timeout', async () => {
    const workload: Workload = { name: 'slow', queries: [{ id: 'forever', sql: 'SELECT pg_sleep(30)' }] };
    const profiler = await createProfiler({
      url,
      workload,
      settings: settings(),
      limits: { statementTimeoutMs: 400 },
    });
    const pids = profiler.activeBackendPids();
    try {
      const t0 = performance.now();
      const r = await profiler.runTrial('concurrent', { trial: 0 });
      const ms = performance.now() - t0;
      expect(r.spans[0]?.error).toMatchObject({ kind: 'timeout', sqlstate: '57014' });
      expect(ms).toBeLessThan(5_000);
      // Nothing of ours is still running the statement.
      expect((await activeBackends(url)).filter((p) => pids.includes(p))).toEqual([]);
    } finally {
      await profiler.close();
    }
    await noneLeft(url, pids);
  });

  it('waiting for a pooled connection is visible in the span and bounded by the holder’s timeout', async () => {
    const workload: Workload = {
      name: 'queue',
      queries: [
        { id: 'hog', sql: 'SELECT pg_sleep(30)' },
        { id: 'waiter', sql: 'SELECT 1' },
      ],
    };
    const profiler = await createProfiler({
      url,
      workload,
      settings: settings({ strategies: ['bounded'], poolSize: 1, boundedK: 1 }),
      limits: { statementTimeoutMs: 500 },
    });
    try {
      const r = await profiler.runTrial('bounded', { trial: 0 });
      const hog = r.spans.find((s) => s.queryId === 'hog');
      const waiter = r.spans.find((s) => s.queryId === 'waiter');
      expect(hog?.error?.kind).toBe('timeout');
      const waited = waiter?.phases.find((p) => p.phase === 'waiting');
      expect(waited).toBeDefined();
      const ms = (waited?.end ?? 0) - (waited?.start ?? 0);
      expect(ms).toBeGreaterThan(300);
      expect(ms).toBeLessThan(5_000);
      expect(waiter?.error).toBeUndefined();
    } finally {
      await profiler.close();
    }
  });

  describe('a server out of connection slots', () => {
    const role = `gs_limited_${process.pid}`;
    const limitedUrl = () => {
      const u = new URL(url);
      u.username = role;
      u.password = 'limited-pass';
      return u.toString();
    };
    beforeAll(async () => {
      await adminQuery(url, `CREATE ROLE ${role} LOGIN PASSWORD 'limited-pass' CONNECTION LIMIT 2`);
      await adminQuery(url, `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    });
    afterAll(async () => {
      await adminQuery(url, `DROP OWNED BY ${role}; DROP ROLE IF EXISTS ${role}`);
    });

    it('reports too many clients at once, never hangs', async () => {
      const workload: Workload = {
        name: 'four',
        queries: ['users', 'orders', 'products', 'reviews'].map((t) => ({
          id: t,
          sql: `SELECT count(*) FROM ${t}`,
        })),
      };
      const t0 = performance.now();
      const err = await createProfiler({
        url: limitedUrl(),
        workload,
        settings: settings({ poolSize: 4 }),
      }).then(
        (p) => p.close().then(() => null),
        (e: unknown) => e,
      );
      expect(performance.now() - t0).toBeLessThan(5_000);
      expect(isAppError(err) && err.code).toBe('too_many_connections');
      expect(String((err as Error).message)).toMatch(/too many clients/);

      // Through a whole run: it fails with that error and the same message, and ends.
      const r = await runProfile({
        url: limitedUrl(),
        workload,
        settings: settings({ poolSize: 4, trials: 2 }),
        signal: new AbortController().signal,
        onEvent: () => {},
      });
      expect(r.status).toBe('failed');
      expect(r.error).toMatchObject({ code: 'too_many_connections' });
    });
  });
});
