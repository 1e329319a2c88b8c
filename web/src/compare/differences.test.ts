import { RunSettingsSchema } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { runDifferences } from './differences';

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
