import { afterAll, describe, expect, inject, it } from 'vitest';
import { withClient } from '../../db/postgres';
import { createProfiler } from '../../engine/profiler';
import { type MockServices, startMockServices } from '../../mock-services/server';
import { batchPreset } from './batch';

const checksum = (url: string) =>
  withClient(url, async (q) => {
    const r = await q(
      `SELECT md5(string_agg(id || ':' || status || ':' || amount, ',' ORDER BY id)) AS sum,
              count(*) FILTER (WHERE status = 'pending')::int AS pending FROM orders`,
    );
    return r.rows[0] as { sum: string; pending: number };
  });

describe('batch preset', () => {
  let mock: MockServices | undefined;
  afterAll(() => mock?.close());
  const ctx = (embedded: boolean) => ({
    databaseUrl: inject('demoUrl'),
    embedded,
    mock: async () => {
      mock ??= await startMockServices({ payments: 40 });
      return mock;
    },
    signal: new AbortController().signal,
    createProfiler,
  });

  it('really updates the orders, overlaps the payment calls, and leaves the demo data unchanged', async () => {
    const before = await checksum(inject('demoUrl'));
    expect(before.pending).toBeGreaterThanOrEqual(20);
    const r = await batchPreset({ orders: 20, limit: 5 })(ctx(true));
    const after = await checksum(inject('demoUrl'));
    expect(after).toEqual(before);
    expect(mock!.served('payments')).toBe(40);
    expect(r.facts).toContainEqual({ label: 'orders updated (then rolled back)', value: '40 of 40' });
    expect(r.facts).toContainEqual({ label: 'mock latency per call', value: 'payments 40 ms' });
    // 20 × 40 ms ≈ 800 ms vs 4 waves × 40 ms ≈ 160 ms.
    expect(r.baseline.medianMs).toBeGreaterThanOrEqual(800);
    expect(r.treatment.medianMs).toBeGreaterThanOrEqual(160);
    expect(r.speedup.estimate).toBeGreaterThan(2.5);
  });

  it('stops mid-batch when cancelled: nothing changed, no session left behind', async () => {
    const before = await checksum(inject('demoUrl'));
    const abort = new AbortController();
    const run = batchPreset({ orders: 20, limit: 5 })({ ...ctx(true), signal: abort.signal });
    setTimeout(() => abort.abort(), 300);
    await expect(run).rejects.toThrow();
    expect(await checksum(inject('demoUrl'))).toEqual(before);
    const left = await withClient(inject('demoUrl'), async (q) => {
      const r = await q(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE application_name = 'gatherscope-setup' AND pid <> pg_backend_pid() AND state <> 'idle'`,
      );
      return (r.rows[0] as { n: number }).n;
    });
    expect(left).toBe(0);
  });

  it('refuses to write anywhere but the embedded demo database', async () => {
    await expect(batchPreset({ orders: 5, limit: 2 })(ctx(false))).rejects.toMatchObject({
      code: 'read_only_violation',
    });
  });
});
