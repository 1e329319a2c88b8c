import { LoadSettingsSchema, type Workload } from '@gatherscope/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openLatencyProxy } from './proxy';
import { applicationNameOf, runLoadTest } from './runner';

const url = inject('demoUrl');
const admin = new pg.Pool({ connectionString: url, max: 1 });
const tiny: Workload = {
  name: 'tiny',
  queries: [
    {
      id: 'a',
      sql: 'SELECT id FROM users WHERE id = $1',
      params: [{ kind: 'randomInt', min: 1, max: 5000 }],
    },
    { id: 'b', sql: 'SELECT pg_sleep(0.005)' },
  ],
};

// A role allowed 3 connections: exceeding it is refused with SQLSTATE 53300, as max_connections
// would be, without starving the other tests that share this cluster.
const role = 'gs_load_limited';
let limitedUrl = '';
beforeAll(async () => {
  await admin.query(`DROP ROLE IF EXISTS ${role}`);
  await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'limited' CONNECTION LIMIT 3`);
  await admin.query(`GRANT SELECT ON users TO ${role}`);
  const u = new URL(url);
  u.username = role;
  u.password = 'limited';
  limitedUrl = u.toString();
});
afterAll(async () => {
  await admin.query(`REVOKE ALL ON users FROM ${role}`).catch(() => {});
  await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
  await admin.end();
});

/**
 * A load test of the tiny workload with these settings, events ignored. The tests give the users a
 * think time: which pool sizes run and what a refused connection does are the subject, not how
 * many requests the machine can push, and users without one would keep both cores busy.
 */
const sweepTest = (testId: string, on: string, settings: Record<string, unknown>) =>
  runLoadTest({
    testId,
    url: on,
    workload: tiny,
    settings: LoadSettingsSchema.parse(settings),
    signal: new AbortController().signal,
    onEvent: () => {},
    openProxy: openLatencyProxy,
  });

describe('pool-size sweep and connection limits', () => {
  it('runs the same load at pool sizes 1, 2, 4 and reports each point', async () => {
    const out = await sweepTest('sweep1', url, {
      strategies: ['concurrent'],
      model: { kind: 'closed', vus: 4, thinkTimeMs: 20 },
      durationS: 1,
      poolSize: 2,
      sweep: { maxPool: 4, stepDurationS: 1 },
    });
    expect(out.sweep.map((p) => p.poolSize)).toEqual([1, 2, 4]);
    for (const p of out.sweep) {
      expect(p.throughput).toBeGreaterThan(5);
      expect(p.maxConnectionsHit).toBe(false);
    }
  });

  it('a pool larger than the server allows: 53300 counted and reported, the test goes on', async () => {
    const out = await sweepTest('refused1', limitedUrl, {
      strategies: ['sequential'],
      model: { kind: 'closed', vus: 8, thinkTimeMs: 100 },
      durationS: 2,
      poolSize: 8,
      sweep: { maxPool: 8, stepDurationS: 1 },
    });
    expect(out.status).toBe('completed');
    const r = out.results[0]!;
    expect(r.errorsBySqlstate['53300']).toBeGreaterThan(0);
    expect(r.requests - r.errors).toBeGreaterThan(20);
    expect(r.limit?.by).toBe('max_connections');
    const small = out.sweep.find((p) => p.poolSize === 2)!;
    expect(small.maxConnectionsHit).toBe(false);
    // Pool 4 is over the limit of 3: refused, and the sweep stops there rather than try 8.
    expect(out.sweep.find((p) => p.poolSize === 4)?.maxConnectionsHit).toBe(true);
    expect(out.sweep.map((p) => p.poolSize)).toEqual([1, 2, 4]);
    const left = await admin.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE $1',
      [`${applicationNameOf('refused1')}%`],
    );
    expect(left.rows[0].n).toBe(0);
  });

  it('ends the sweep at the first pool size where any strategy is refused', async () => {
    // One slot for the test's monitor, one for the pool: one virtual user's sequential request
    // needs one connection, the concurrent fan-out of two queries needs two and is refused.
    await admin.query(`ALTER ROLE ${role} CONNECTION LIMIT 2`);
    try {
      const out = await sweepTest('refused2', limitedUrl, {
        strategies: ['sequential', 'concurrent'],
        model: { kind: 'closed', vus: 1, thinkTimeMs: 20 },
        durationS: 1,
        poolSize: 1,
        sweep: { maxPool: 8, stepDurationS: 1 },
      });
      expect(out.sweep.map((p) => [p.strategy, p.poolSize, p.maxConnectionsHit])).toEqual([
        ['sequential', 1, false],
        ['concurrent', 1, false],
        ['sequential', 2, false],
        ['concurrent', 2, true],
      ]);
    } finally {
      await admin.query(`ALTER ROLE ${role} CONNECTION LIMIT 3`);
    }
  });
});
