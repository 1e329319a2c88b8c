import { RunSettingsSchema, type Span, type Workload } from '@gatherscope/shared';
import { describe, expect, inject, it } from 'vitest';
import { getBuiltinWorkload } from '../../workloads/builtin';
import { createProfiler } from '../profiler';

const settings = RunSettingsSchema.parse({ strategies: ['sequential'], poolSize: 4, boundedK: 2 });
const byId = (spans: Span[], id: string) => spans.find((s) => s.queryId === id)!;

describe('dependencies', () => {
  it('every strategy runs a query after its dependencies and feeds it their first row', async () => {
    const workload = getBuiltinWorkload('dependent-dashboard');
    const profiler = await createProfiler({ url: inject('demoUrl'), workload, settings });
    try {
      for (const strategy of settingsStrategies) {
        const r = await profiler.runTrial(strategy, { trial: 0 });
        expect(
          r.spans.filter((s) => s.error),
          strategy,
        ).toEqual([]);
        for (const q of workload.queries) {
          const span = byId(r.spans, q.id);
          for (const d of q.dependsOn ?? []) {
            const dep = byId(r.spans, d);
            // The statement was sent only after the dependency's last row arrived.
            const sent = span.phases.find((p) => p.phase === 'executing')!.start;
            expect(sent, `${strategy}: ${q.id} after ${d}`).toBeGreaterThanOrEqual(dep.end - 0.001);
          }
        }
        expect(byId(r.spans, 'latest_order').rows).toBe(1);
        expect(byId(r.spans, 'country_users').rows).toBe(1);
      }
    } finally {
      await profiler.close();
    }
  });

  it('dependency-aware starts independent branches together; concurrent waits for the whole wave', async () => {
    const workload: Workload = {
      name: 'branches',
      queries: [
        { id: 'a', sql: 'SELECT 1 AS x', simulatedDelayMs: 20 },
        { id: 'b', sql: 'SELECT 2 AS x', simulatedDelayMs: 150 },
        {
          id: 'c',
          sql: 'SELECT $1::int + 1 AS x',
          params: [{ kind: 'ref', query: 'a', column: 'x' }],
          dependsOn: ['a'],
        },
      ],
    };
    const profiler = await createProfiler({ url: inject('demoUrl'), workload, settings });
    try {
      const aware = await profiler.runTrial('dependency-aware', { trial: 0 });
      const conc = await profiler.runTrial('concurrent', { trial: 0 });
      // c follows a (20 ms) at once under dependency-aware, while b (150 ms) still runs; in waves
      // it waits for b. Ordered by the spans themselves, not by wall-clock bounds a busy machine
      // can stretch.
      expect(byId(aware.spans, 'c').start).toBeGreaterThanOrEqual(byId(aware.spans, 'a').end);
      expect(byId(aware.spans, 'c').start).toBeLessThan(byId(aware.spans, 'b').end);
      expect(byId(conc.spans, 'c').start).toBeGreaterThanOrEqual(byId(conc.spans, 'b').end);
    } finally {
      await profiler.close();
    }
  });

  it('skips the dependents of a failed query and runs the rest', async () => {
    const workload: Workload = {
      name: 'broken',
      queries: [
        { id: 'bad', sql: 'SELECT no_such_column FROM users LIMIT 1' },
        {
          id: 'child',
          sql: 'SELECT $1::int AS x',
          params: [{ kind: 'ref', query: 'bad', column: 'x' }],
          dependsOn: ['bad'],
        },
        { id: 'fine', sql: 'SELECT count(*) AS n FROM products' },
      ],
    };
    const profiler = await createProfiler({ url: inject('demoUrl'), workload, settings });
    try {
      for (const strategy of settingsStrategies) {
        const r = await profiler.runTrial(strategy, { trial: 0 });
        expect(r.failed).toBe(true);
        expect(byId(r.spans, 'bad').error).toMatchObject({ kind: 'query', sqlstate: '42703' });
        expect(byId(r.spans, 'child').error).toMatchObject({ kind: 'skipped' });
        expect(byId(r.spans, 'fine').error, strategy).toBeUndefined();
        expect(byId(r.spans, 'fine').rows).toBe(1);
      }
    } finally {
      await profiler.close();
    }
  });
});

const settingsStrategies = [
  'sequential',
  'concurrent',
  'bounded',
  'dependency-aware',
  'single-connection',
  'pipelined',
] as const;
