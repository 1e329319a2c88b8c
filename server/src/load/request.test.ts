import { strategyNames } from '@gatherscope/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LoadPool } from '../db/load-pool';
import { getBuiltinWorkload } from '../workloads/builtin';
import { runRequest, topological } from './request';

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
    expect(await held('bounded')).toBeLessThanOrEqual(2);
    expect(await held('concurrent')).toBeGreaterThanOrEqual(2);
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

  it('orders queries after their dependencies', () => {
    const order = topological(dependent).map((q) => q.id);
    for (const q of dependent.queries) {
      for (const d of q.dependsOn ?? []) expect(order.indexOf(d)).toBeLessThan(order.indexOf(q.id));
    }
  });
});
