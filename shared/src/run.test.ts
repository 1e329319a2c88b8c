import { describe, expect, it } from 'vitest';
import { RunRecordSchema } from './run';

/** A finished run as an earlier version stored it: no per-strategy errors, no per-query samples. */
const stored = {
  id: 'r1',
  kind: 'profile',
  createdAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  status: 'completed',
  settings: { strategies: ['sequential'] },
  workload: { name: 'w', queries: [{ id: 'a', sql: 'SELECT 1', addedByANewerVersion: 1 }] },
  target: { kind: 'default' },
  database: { name: 'demo', label: 'demo', serverVersion: '17', embedded: true },
  trials: [],
  summary: {
    strategies: [
      {
        strategy: 'sequential',
        wallMs: { n: 1, mean: 1, median: 1, p95: 1, p99: 1, min: 1, max: 1 },
        speedup: null,
        theoreticalMs: 1,
        efficiency: 1,
        perQuery: [{ queryId: 'a', medianMs: 1, medianExecutingMs: 1, medianWaitingMs: 0, errors: 0 }],
        failedTrials: 0,
      },
    ],
    theory: { sumMs: 1, maxMs: 1, criticalPathMs: 1, boundedMs: 1, boundedK: 2 },
    verdict: 'Sequential takes 1.0 ms median.',
  },
  error: null,
};

describe('RunRecordSchema', () => {
  it('still reads runs stored before errors, samples and strict workloads', () => {
    const run = RunRecordSchema.parse(stored);
    expect(run.summary!.strategies[0]!.errors).toBeUndefined();
    expect(run.workload.queries[0]).toEqual({ id: 'a', sql: 'SELECT 1' });
  });
});
