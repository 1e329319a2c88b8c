import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { gatherscopeBackends } from '../../test/pg-admin';
import { createVictimDatabase, dbName, dropDatabase } from '../../test/security/fixture';
import { LoadPool } from '../db/load/load-pool';
import { describeErrorKey } from './error-key';
import { runRequest } from './request';

/**
 * A statement that changes its session (a schema function switching it to read-write, a BEGIN left
 * open) gets its connection cut off by the session watchdog; the load results name why, as an error
 * group of its own, instead of a bare `connection` error.
 */
describe('a load session the watchdog cuts off', () => {
  const template = inject('clusterUrlTemplate');
  let url: string;
  beforeAll(async () => {
    // Holds `loosen()`: set_config('default_transaction_read_only', 'off', false).
    url = await createVictimDatabase(template, 'gs_load_cut');
  });
  afterAll(async () => {
    if (url) await dropDatabase(template, dbName(url));
  });

  const run = async (sqls: string[], requests = 2) => {
    const pool = new LoadPool({ url, size: 1, applicationName: 'gatherscope-load-cut', readOnly: true });
    const workload = { name: 'cut', queries: sqls.map((sql, i) => ({ id: `q${i}`, sql })) };
    const errors: (string | undefined)[] = [];
    try {
      for (let i = 0; i < requests; i++) {
        errors.push(
          (await runRequest(workload, 'sequential', pool, { boundedK: 1, stopped: () => false })).error,
        );
      }
    } finally {
      await pool.end();
    }
    return errors;
  };

  it('a schema function switching the session to read-write: session-read-write, then the next request runs', async () => {
    const errors = await run(['SELECT loosen()', 'SELECT 1']);
    expect(errors[0]).toBe('session-read-write');
    // The cut connection left the pool: the next request's fresh session was read-only again, so
    // loosening it was caught again.
    expect(errors[1]).toBe('session-read-write');
    expect(describeErrorKey('session-read-write')).toMatch(/read-only session to read-write/);
    await expect.poll(() => gatherscopeBackends(url, dbName(url)), { timeout: 5_000 }).toEqual([]);
  });

  it('SET SESSION CHARACTERISTICS … READ WRITE alone in a request is counted too, though it completed', async () => {
    expect(await run(['SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE'], 2)).toEqual([
      'session-read-write',
      'session-read-write',
    ]);
  });

  it('a transaction left open: session-open-transaction', async () => {
    expect(await run(['BEGIN', 'SELECT 1'], 1)).toEqual(['session-open-transaction']);
    expect(await run(['BEGIN'], 1)).toEqual(['session-open-transaction']);
    expect(describeErrorKey('session-open-transaction')).toMatch(/transaction open/);
  });
});
