import { statementModes, strategyNames } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LoadPool } from '../../src/db/load/load-pool';
import { policyFor } from '../../src/guard/workload-policy';
import { runRequest } from '../../src/load/request';
import { gatherscopeBackends } from '../pg-admin';
import { checksum, createVictimDatabase, dbName, dropDatabase } from './fixture';

/**
 * Load tests run their own pg pool (no read-only block around each statement, for throughput). The
 * policy refuses every statement below (escape-classes.test.ts proves it on the API and CLI paths);
 * here it is bypassed, to prove the server-side layers of load connections hold on their own.
 */
describe.each(statementModes)('load-test connections on a live database (%s statements)', (statementMode) => {
  const template = inject('clusterUrlTemplate');
  let url: string;
  beforeAll(async () => {
    url = await createVictimDatabase(template, 'gs_load_victim');
  });
  afterAll(async () => {
    if (url) await dropDatabase(template, dbName(url));
  });

  it('a connection URL asking for read-write sessions (?options=…) does not get them', async () => {
    const before = await checksum(url);
    const u = new URL(url);
    u.searchParams.set(
      'options',
      '-c default_transaction_read_only=off -c statement_timeout=0 -c lock_timeout=0',
    );
    u.searchParams.set('statement_timeout', '0');
    const pool = new LoadPool({
      url: u.toString(),
      size: 1,
      applicationName: 'gatherscope-load-sec',
      readOnly: true,
      statementMode,
    });
    try {
      const workload = {
        name: 'w',
        queries: [{ id: 'q', sql: 'WITH d AS (DELETE FROM accounts RETURNING 1) SELECT count(*) FROM d' }],
      };
      for (const strategy of strategyNames) {
        const out = await runRequest(workload, strategy, pool, { boundedK: 1, stopped: () => false });
        expect(out.error, strategy).toBe('25006');
      }
      const lease = await pool.acquire();
      const { rows } = await lease.client.query("SELECT current_setting('statement_timeout') AS st");
      pool.release(lease, false);
      expect(rows[0]?.st).not.toBe('0');
    } finally {
      await pool.pool.end();
    }
    expect(await checksum(url)).toBe(before);
  });

  const cases: [string, string[]][] = [
    [
      'a schema function loosens the session, a later request writes through another',
      ['SELECT loosen()', 'SELECT bump()'],
    ],
    ['a writable CTE', ['WITH d AS (DELETE FROM accounts RETURNING 1) SELECT count(*) FROM d']],
    ['sequences', ["SELECT nextval('tickets')"]],
  ];
  for (const [name, sqls] of cases) {
    it(`${name}: refused by the policy, and with it bypassed nothing changes`, async () => {
      const policy = await policyFor({ url, mode: 'read-only' });
      for (const s of sqls) expect(policy.check(s), s).not.toBeNull();
      const before = await checksum(url);
      const pool = new LoadPool({
        url,
        size: 1,
        applicationName: 'gatherscope-load-sec',
        readOnly: true,
        statementMode,
      });
      try {
        const workload = { name: 'attack', queries: sqls.map((sql, i) => ({ id: `q${i}`, sql })) };
        // Several requests in a row on the one pooled connection, as virtual users would, under
        // every strategy (pipelined sends the whole request before the first statement runs).
        for (const strategy of strategyNames) {
          for (let i = 0; i < 3; i++) {
            await runRequest(workload, strategy, pool, { boundedK: 1, stopped: () => false });
          }
        }
      } finally {
        await pool.pool.end();
      }
      expect(await checksum(url)).toBe(before);
      await expect.poll(() => gatherscopeBackends(url, dbName(url)), { timeout: 5_000 }).toEqual([]);
    });
  }
});
