import { HealthSchema } from '@gatherscope/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from './app';
import { createMetaPool } from './db/postgres';

describe('app', () => {
  const meta = createMetaPool(inject('demoUrl'));
  const app = createApp({
    meta,
    databaseUrl: inject('demoUrl'),
    embedded: true,
    dataDir: '/nonexistent',
    log: () => {},
  });
  afterAll(() => meta.close());

  it('reports database health with the server version', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    const body = HealthSchema.parse(await res.json());
    expect(body.status).toBe('ok');
    if (!body.database.reachable) throw new Error('expected reachable');
    expect(body.database.serverVersion).toMatch(/^\d+/);
    expect(body.database.database).toBe('gatherscope_demo');
    expect(body.database.embedded).toBe(true);
    expect(body.database.sizeBytes).toBeGreaterThan(1_000_000);
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('reports an unreachable database as degraded, naming host and port, without the password', async () => {
    const down = createMetaPool('postgres://someone:s3cret@127.0.0.1:1/nothing');
    const res = await createApp({
      meta: down,
      databaseUrl: 'postgres://someone:s3cret@127.0.0.1:1/nothing',
      embedded: false,
      dataDir: '/nonexistent',
      log: () => {},
    }).request('/api/health');
    const text = await res.text();
    await down.close();
    expect(text).not.toContain('s3cret');
    const body = HealthSchema.parse(JSON.parse(text));
    expect(body.status).toBe('degraded');
    expect(body.database.reachable).toBe(false);
    if (body.database.reachable) return;
    expect(body.database.message).toContain('127.0.0.1:1');
    expect(body.database.message).toMatch(/refused/);
  });
});
