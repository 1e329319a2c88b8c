import { LoadSettingsSchema, RunSettingsSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { loadDifferences, runDifferences } from './differences';

const run = (
  settings: Partial<ReturnType<typeof RunSettingsSchema.parse>> = {},
  name = 'slow-dashboard',
  sql = 'SELECT 1',
) => ({
  workload: { name, queries: [{ id: 'q', sql }] },
  settings: RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'], ...settings }),
  database: { name: 'gatherscope_demo', label: 'Embedded demo', serverVersion: '18', embedded: true },
});

describe('run differences', () => {
  it('says nothing for two runs measured alike', () => {
    expect(runDifferences(run(), run())).toEqual([]);
  });

  it('lists the workload, RTT and trial count that differ, with both values', () => {
    expect(runDifferences(run({ rttMs: 0, trials: 20 }), run({ rttMs: 20, trials: 5 }, 'trivial'))).toEqual([
      'workload: slow-dashboard in A, trivial in B',
      'RTT: 0 ms in A, 20 ms in B',
      'trials: 20 in A, 5 in B',
    ]);
  });

  it('notices a workload of the same name whose queries changed', () => {
    expect(runDifferences(run(), run({}, 'slow-dashboard', 'SELECT 2'))).toEqual([
      'workload: "slow-dashboard" has different queries in A and B',
    ]);
  });
});

const loadTest = (settings: Record<string, unknown> = {}, name = 'user-dashboard') => ({
  workload: { name, queries: [{ id: 'q', sql: 'SELECT 1' }] },
  settings: LoadSettingsSchema.parse({
    strategies: ['sequential', 'concurrent'],
    model: { kind: 'closed', vus: 4 },
    ...settings,
  }),
  database: { name: 'gatherscope_demo', label: 'Embedded demo', serverVersion: '18', embedded: true },
});

describe('load test differences', () => {
  it('says nothing for two tests run alike', () => {
    expect(loadDifferences(loadTest(), loadTest())).toEqual([]);
  });

  it('lists virtual users, pool, statement mode, threads and duration with both values', () => {
    expect(
      loadDifferences(
        loadTest({ poolSize: 2, durationS: 2 }),
        loadTest({
          model: { kind: 'closed', vus: 8, thinkTimeMs: 50 },
          poolSize: 4,
          durationS: 3,
          statementMode: 'prepared',
          threads: 2,
        }),
      ),
    ).toEqual([
      'load model: closed, 4 virtual users in A, closed, 8 virtual users in B',
      'think time: 0 ms in A, 50 ms in B',
      'duration per strategy: 2 s in A, 3 s in B',
      'pool size: 2 in A, 4 in B',
      'statement mode: extended in A, prepared in B',
      "generator threads: the machine's cores less one in A, 2 in B",
    ]);
  });

  it('names a change of model once, not each field the other model lacks', () => {
    expect(
      loadDifferences(loadTest(), loadTest({ model: { kind: 'open', rate: 50 } }, 'slow-dashboard')),
    ).toEqual([
      'workload: user-dashboard in A, slow-dashboard in B',
      'load model: closed, 4 virtual users in A, open, 50 req/s in B',
    ]);
  });
});
