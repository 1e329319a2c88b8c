import { statementModes, strategyNames } from '@gatherscope/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { until } from '../../test/faults/helpers';
import { adminQuery } from '../../test/pg-admin';
import { LoadPool } from '../db/load/load-pool';
import { getBuiltinWorkload } from '../workloads/builtin';
import { runRequest } from './request';
import { topological } from './request-plan';

const backendsNamed = async (app: string) =>
  (
    await adminQuery<{ n: number }>(
      inject('demoUrl'),
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [app],
    )
  )[0]?.n ?? -1;

const pool = new LoadPool({
  url: inject('demoUrl'),
  size: 4,
  applicationName: 'gatherscope-load-reqtest',
  readOnly: true,
});
afterAll(() => pool.end());
const opts = { boundedK: 2, stopped: () => false };

describe('runRequest', () => {
  const dependent = getBuiltinWorkload('dependent-dashboard');
  const user = getBuiltinWorkload('user-dashboard');

  it('runs every query of a dependent workload under each strategy, refs filled from earlier rows', async () => {
    for (const strategy of strategyNames) {
      const out = await runRequest(dependent, strategy, pool, opts);
      expect(out.error, strategy).toBeUndefined();
      expect(out.queries, strategy).toBe(dependent.queries.length);
    }
  });

  it('holds as many connections at once as the strategy says', async () => {
    const held = async (s: (typeof strategyNames)[number]) => (await runRequest(user, s, pool, opts)).maxHeld;
    expect(await held('sequential')).toBe(1);
    expect(await held('single-connection')).toBe(1);
    expect(await held('pipelined')).toBe(1);
    expect(await held('bounded')).toBeLessThanOrEqual(2);
    expect(await held('concurrent')).toBeGreaterThanOrEqual(2);
  });

  it('runs every strategy in every statement mode, and pipelined reports its failing statement', async () => {
    for (const statementMode of statementModes) {
      const moded = new LoadPool({
        url: inject('demoUrl'),
        size: 2,
        applicationName: 'gatherscope-load-modetest',
        readOnly: true,
        statementMode,
      });
      try {
        for (const strategy of strategyNames) {
          const out = await runRequest(dependent, strategy, moded, opts);
          expect(out.error, `${statementMode} ${strategy}`).toBeUndefined();
          expect(out.queries, `${statementMode} ${strategy}`).toBe(dependent.queries.length);
        }
        const bad = await runRequest(
          {
            name: 'bad',
            queries: [
              { id: 'ok', sql: 'SELECT 1' },
              { id: 'x', sql: 'SELECT * FROM no_such_table' },
            ],
          },
          'pipelined',
          moded,
          opts,
        );
        expect(bad.error, statementMode).toBe('42P01');
        // Prepared mode left its named statements on the pooled connections; the others none.
        const lease = await moded.acquire();
        const { rows } = await lease.client.query('SELECT count(*)::int AS n FROM pg_prepared_statements');
        moded.release(lease, false);
        if (statementMode === 'prepared') expect(rows[0]?.n).toBeGreaterThan(0);
        else expect(rows[0]?.n).toBe(0);
      } finally {
        await moded.end();
      }
    }
  });

  it('reports the SQLSTATE of a failing query and refuses writes on a read-only pool', async () => {
    const bad = await runRequest(
      { name: 'bad', queries: [{ id: 'x', sql: 'SELECT * FROM no_such_table' }] },
      'sequential',
      pool,
      opts,
    );
    expect(bad.error).toBe('42P01');
    const write = await runRequest(
      { name: 'w', queries: [{ id: 'w', sql: 'UPDATE users SET name = name WHERE id = 1' }] },
      'sequential',
      pool,
      opts,
    );
    expect(write.error).toBe('25006');
  });

  it('caps rows and result size as profile runs do, under error groups of their own', async () => {
    const app = 'gatherscope-load-captest';
    const capped = new LoadPool({ url: inject('demoUrl'), size: 1, applicationName: app, readOnly: true });
    const one = (sql: string) =>
      runRequest({ name: 'cap', queries: [{ id: 'q', sql }] }, 'sequential', capped, opts);
    try {
      expect((await one('SELECT g FROM generate_series(1, 10000) g')).error).toBeUndefined();
      expect((await one('SELECT g FROM generate_series(1, 10001) g')).error).toBe('too-many-rows');
      // The row cap is Execute's row limit: the connection answered and is kept.
      expect(capped.pool.totalCount).toBe(1);
      // 40 MB of rows: past 16 MB the socket is destroyed, so the server stops sending.
      const t0 = performance.now();
      const big = await one("SELECT repeat('x', 1000000) FROM generate_series(1, 40)");
      expect(big.error).toBe('result-too-large');
      expect(performance.now() - t0).toBeLessThan(5_000);
      expect(capped.pool.totalCount).toBe(0);
      await until(async () => (await backendsNamed(app)) === 0, 3_000, 'the oversize backend is still there');
      expect((await one('SELECT 1')).error).toBeUndefined();
    } finally {
      await capped.end();
    }
  });

  it('Stop ends a simulated delay at once, and the request counts as cancelled', async () => {
    const halt = new AbortController();
    const napping = { name: 'nap', queries: [{ id: 'q', sql: 'SELECT 1', simulatedDelayMs: 10_000 }] };
    const t0 = performance.now();
    const run = runRequest(napping, 'sequential', pool, {
      boundedK: 1,
      stopped: () => halt.signal.aborted,
      signal: halt.signal,
    });
    setTimeout(() => halt.abort(), 200);
    const out = await run;
    expect(out.error).toBe('cancelled');
    // 10 s of delay were left; wide margin for a loaded machine.
    expect(performance.now() - t0).toBeLessThan(3_000);
    // Without a stop, the delay is served in full.
    const short = { name: 'nap', queries: [{ id: 'q', sql: 'SELECT 1', simulatedDelayMs: 300 }] };
    const t1 = performance.now();
    expect((await runRequest(short, 'sequential', pool, opts)).error).toBeUndefined();
    expect(performance.now() - t1).toBeGreaterThanOrEqual(290);
  });

  it('orders queries after their dependencies', () => {
    const order = topological(dependent).map((q) => q.id);
    for (const q of dependent.queries) {
      for (const d of q.dependsOn ?? []) expect(order.indexOf(d)).toBeLessThan(order.indexOf(q.id));
    }
  });
});
