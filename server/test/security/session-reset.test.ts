import { RunSettingsSchema, statementModes, strategyNames } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createProfiler } from '../../src/engine/profiler';
import { gatherscopeBackends } from '../pg-admin';
import { checksum, createVictimDatabase, dbName, dropDatabase } from './fixture';

describe.each(statementModes)('session state between trials (%s statements)', (statementMode) => {
  const settings = RunSettingsSchema.parse({
    strategies: ['sequential'],
    trials: 3,
    warmup: 0,
    poolSize: 1,
    boundedK: 1,
    statementMode,
  });
  const template = inject('clusterUrlTemplate');
  let url: string;
  beforeAll(async () => {
    url = await createVictimDatabase(template, 'gs_reset');
  });
  afterAll(async () => {
    if (url) await dropDatabase(template, dbName(url));
  });

  it('an advisory lock a schema function took in one trial is gone when the next trial starts', async () => {
    const before = await checksum(url);
    const profiler = await createProfiler({
      url,
      settings,
      // The policy refuses grab_lock() untrusted; trusted, the reset between trials is what holds.
      trustedFunctions: ['grab_lock'],
      workload: {
        name: 'lock-leak',
        queries: [
          {
            id: 'clean',
            sql: "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid())",
          },
          // grab_lock() takes a session-level advisory lock, which a ROLLBACK does not release.
          { id: 'leak', sql: 'SELECT grab_lock()', dependsOn: ['clean'] },
        ],
      },
    });
    try {
      // Every strategy on the one pooled connection, one trial after another: the reset between
      // trials (DISCARD ALL) also drops the prepared statements, which prepared mode then prepares
      // again instead of binding to names the server forgot.
      for (const strategy of strategyNames) {
        for (let trial = 0; trial < 3; trial++) {
          const r = await profiler.runTrial(strategy, { trial });
          expect(r.spans.filter((s) => s.error).map((s) => s.error)).toEqual([]);
          const clean = r.spans.find((s) => s.queryId === 'clean');
          expect(clean?.rows, `${strategy} trial ${trial} started with a clean session`).toBe(1);
        }
      }
    } finally {
      await profiler.close();
    }
    expect(await checksum(url)).toBe(before);
    await expect.poll(() => gatherscopeBackends(url, dbName(url)), { timeout: 5_000 }).toEqual([]);
  });
});
