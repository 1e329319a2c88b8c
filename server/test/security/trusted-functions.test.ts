import { ApiErrorSchema, CreatedRunSchema, RunRecordSchema } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery } from '../pg-admin';
import { type AppUnderTest, appUnderTest, GOOD_HOST } from './app-under-test';
import { checksum, createVictimDatabase, dbName, dropDatabase } from './fixture';

/**
 * A function of the user's own database runs only when the saved connection trusts it, through the
 * real connections and runs API; trusted, its writes are still refused by the read-only transaction.
 */
describe('functions a saved connection trusts', () => {
  const template = inject('clusterUrlTemplate');
  let url: string;
  let t: AppUnderTest;
  beforeAll(async () => {
    url = await createVictimDatabase(template, 'gs_trust');
    await adminQuery(
      url,
      'CREATE FUNCTION tally() RETURNS bigint LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN (SELECT count(*) FROM accounts); END $$',
    );
    t = await appUnderTest(url);
  });
  afterAll(async () => {
    await t?.close();
    if (url) await dropDatabase(template, dbName(url));
  });

  const call = (p: string, body?: unknown) =>
    t.app.request(`http://${GOOD_HOST}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body !== undefined && { body: JSON.stringify(body) }),
      headers: { host: GOOD_HOST, 'content-type': 'application/json' },
    });

  const run = async (sql: string, target: unknown) => {
    const res = await call('/api/runs', {
      workload: { name: 'w', queries: [{ id: 'q', sql }] },
      target,
      strategies: ['sequential'],
      trials: 1,
      warmup: 0,
      detached: true,
    });
    if (res.status !== 201)
      return { status: res.status, error: ApiErrorSchema.parse(await res.json()).error };
    const { id } = CreatedRunSchema.parse(await res.json());
    for (let i = 0; i < 200; i++) {
      const record = RunRecordSchema.parse(await (await call(`/api/runs/${id}`)).json());
      if (record.status !== 'running') return { status: 201, record };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the run did not end');
  };

  it('refuses them untrusted, runs them trusted, and still refuses their writes', async () => {
    const untrusted = await run('SELECT tally()', { kind: 'default' });
    expect(untrusted.status).toBe(400);
    expect(untrusted.error?.message).toMatch(/public\.tally is a function of this database/);
    expect(untrusted.error?.hint).toMatch(/trust/);

    const saved = await call('/api/connections', {
      name: 'mine',
      url,
      trustedFunctions: ['public.tally', 'bump'],
    });
    expect(saved.status).toBe(201);
    const { id, trustedFunctions } = (await saved.json()) as { id: string; trustedFunctions: string[] };
    expect(trustedFunctions).toEqual(['public.tally', 'bump']);

    const trusted = await run('SELECT tally()', { kind: 'connection', id });
    expect(trusted.status).toBe(201);
    expect(trusted.record?.status).toBe('completed');
    expect(trusted.record?.trials[0]?.spans[0]?.error).toBeUndefined();
    expect(trusted.record?.trials[0]?.spans[0]?.rows).toBe(1);

    // Trusted is not a licence to write: bump() UPDATEs, and the read-only transaction refuses it.
    const before = await checksum(url);
    const writes = await run('SELECT bump()', { kind: 'connection', id });
    expect(writes.status).toBe(201);
    expect(writes.record?.trials[0]?.spans[0]?.error?.message).toMatch(/read-only transaction/);
    expect(await checksum(url)).toBe(before);

    // The deny list is not for trusting.
    const denied = await call('/api/connections', { name: 'files', url, trustedFunctions: ['pg_read_file'] });
    const files = ((await denied.json()) as { id: string }).id;
    const read = await run("SELECT pg_read_file('/etc/hostname')", { kind: 'connection', id: files });
    expect(read.status).toBe(400);
    expect(read.error?.message).toMatch(/pg_read_file reads or writes files on the server/);
  });
});
