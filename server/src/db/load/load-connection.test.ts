// The load path's own statements on a real PostgreSQL: what node-postgres did for them before
// (prepared names, failed Parses, DISCARD ALL, first rows, errors) still holds.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Lease, LoadPool } from './load-pool';

describe.each(['prepared', 'extended'] as const)('load statements of their own (%s)', (statementMode) => {
  // Not read-only: the temporary table below is the connection's own, created mid-test.
  const pool = new LoadPool({
    url: inject('demoUrl'),
    size: 1,
    applicationName: 'gatherscope-load-own',
    statementMode,
  });
  afterAll(() => pool.end());

  const withLease = async (fn: (lease: Lease) => Promise<void>) => {
    const lease = await pool.acquire();
    try {
      await fn(lease);
    } finally {
      pool.release(lease, false);
    }
  };

  it('returns the first row by column name, counts the rows, and reports an SQLSTATE', async () => {
    await withLease(async (lease) => {
      const t = await pool.run(lease, 'SELECT g AS n, $1::text AS label FROM generate_series(1, 3) g', ['é']);
      expect(t.error).toBeNull();
      expect(t.rows).toBe(3);
      expect(t.bytes).toBeGreaterThan(0);
      expect(t.firstRow).toEqual({ n: '1', label: 'é' });
      const bad = await pool.run(lease, 'SELECT $1::int', ['x']);
      expect((bad.error as { code?: string } | null)?.code).toBe('22P02');
      // The connection answers the next statement after an error.
      expect((await pool.run(lease, 'SELECT 1', [])).rows).toBe(1);
    });
  });

  it('prepares again a statement whose Parse failed, once what it names exists', async () => {
    await withLease(async (lease) => {
      const sql = 'SELECT count(*) AS n FROM gs_own_later';
      const missing = await pool.run(lease, sql, []);
      expect((missing.error as { code?: string } | null)?.code).toBe('42P01');
      await lease.client.query('CREATE TEMP TABLE gs_own_later AS SELECT 1 AS x');
      const found = await pool.run(lease, sql, []);
      expect(found.error).toBeNull();
      expect(found.firstRow).toEqual({ n: '1' });
      await lease.client.query('DROP TABLE gs_own_later');
    });
  });

  it('prepares again after DISCARD ALL dropped the session’s statements', async () => {
    await withLease(async (lease) => {
      const sql = 'SELECT $1::int + 1 AS n';
      expect((await pool.run(lease, sql, ['1'])).firstRow).toEqual({ n: '2' });
      // Through node-postgres (as the profiler's session reset), then through the load path itself.
      await lease.client.query('DISCARD ALL');
      expect((await pool.run(lease, sql, ['2'])).firstRow).toEqual({ n: '3' });
      await pool.run(lease, 'DISCARD ALL', []);
      const again = await pool.run(lease, sql, ['3']);
      expect(again.error).toBeNull();
      expect(again.firstRow).toEqual({ n: '4' });
    });
  });

  it('runs statements queued on one connection one after another, each with its own result', async () => {
    await withLease(async (lease) => {
      const all = await Promise.all(
        [1, 2, 3, 4].map((i) => pool.run(lease, 'SELECT $1::int * 10 AS n', [String(i)])),
      );
      expect(all.map((t) => t.firstRow?.n)).toEqual(['10', '20', '30', '40']);
    });
  });

  it('does not decode a first row nobody reads', async () => {
    await withLease(async (lease) => {
      const t = await pool.run(lease, 'SELECT 1 AS n', [], false);
      expect(t.rows).toBe(1);
      expect(t.firstRow).toBeNull();
    });
  });
});
