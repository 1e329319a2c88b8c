import { RunSettingsSchema } from '@gatherscope/shared';
import { describe, expect, inject, it } from 'vitest';
import { createProfiler } from '../engine/profiler';
import { AppError } from '../errors/app-error';
import { getBuiltinWorkload, listBuiltinWorkloads } from './builtin';

describe('built-in workloads', () => {
  it('lists the five built-ins', () => {
    expect(listBuiltinWorkloads().map((w) => w.name)).toEqual([
      'user-dashboard',
      'admin-dashboard',
      'dependent-dashboard',
      'slow-dashboard',
      'trivial',
    ]);
  });

  it('refuses an unknown name and lists the known ones', () => {
    let err: unknown;
    try {
      getBuiltinWorkload('nope');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'unknown_workload', status: 404 });
    expect((err as AppError).hint).toContain('slow-dashboard');
  });

  it('hands out copies that callers cannot corrupt', () => {
    getBuiltinWorkload('trivial').queries.pop();
    expect(getBuiltinWorkload('trivial').queries).toHaveLength(4);
  });

  it('each runs on the demo shop without an error', async () => {
    const settings = RunSettingsSchema.parse({ strategies: ['sequential'] });
    for (const workload of listBuiltinWorkloads()) {
      const profiler = await createProfiler({ url: inject('demoUrl'), workload, settings });
      try {
        for (let i = 0; i < 3; i++) {
          const r = await profiler.runTrial('dependency-aware', { trial: i });
          expect(
            r.spans.filter((s) => s.error),
            workload.name,
          ).toEqual([]);
          // Some users have no favorites (a fifth of them), so only the total is sure to be positive.
          expect(
            r.spans.reduce((n, s) => n + s.rows, 0),
            workload.name,
          ).toBeGreaterThan(0);
        }
      } finally {
        await profiler.close();
      }
    }
  });
});
