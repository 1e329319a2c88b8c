import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConnectionListSchema, ConnectionSchema, ConnectionTestSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handleError } from '../http/error-handler';
import { connectionRoutes } from './routes';
import { connectionsFile, resolveConnectionUrl } from './store';

let dataDir: string;
let app: Hono;
const demoUrl = inject('demoUrl');
const password = new URL(demoUrl).password;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-connections-'));
  app = new Hono();
  app.onError(handleError(() => {}));
  app.route('/api/connections', connectionRoutes({ dataDir }));
});
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

const post = (body: unknown) =>
  app.request('/api/connections', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('/api/connections', () => {
  it('tests, saves and lists a connection without ever sending its password or URL back', async () => {
    const res = await post({ name: 'Local demo', url: demoUrl });
    expect(res.status).toBe(201);
    const text = await res.clone().text();
    expect(text).not.toContain(password);
    expect(text).not.toContain('postgres://');
    const saved = ConnectionSchema.parse(await res.json());
    expect(saved).toMatchObject({ name: 'Local demo', host: '127.0.0.1', database: 'gatherscope_demo' });
    expect(saved.hasPassword).toBe(true);
    expect(saved.allowWrites).toBe(false);

    const listRes = await app.request('/api/connections');
    const listText = await listRes.clone().text();
    expect(listText).not.toContain(password);
    const list = ConnectionListSchema.parse(await listRes.json());
    expect(list.connections.map((c) => c.id)).toContain(saved.id);

    const stat = await fs.stat(connectionsFile(dataDir));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(await resolveConnectionUrl(dataDir, saved.id)).toEqual({
      url: demoUrl,
      name: 'Local demo',
      allowWrites: false,
      trustedFunctions: [],
    });

    const test = await app.request(`/api/connections/${saved.id}/test`, { method: 'POST' });
    expect(test.status).toBe(200);
    const t = ConnectionTestSchema.parse(await test.json());
    expect(t.database).toBe('gatherscope_demo');
    expect(t.serverVersion).toMatch(/^\d+/);

    expect((await app.request(`/api/connections/${saved.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/api/connections/${saved.id}`, { method: 'DELETE' })).status).toBe(404);
    await expect(resolveConnectionUrl(dataDir, saved.id)).rejects.toThrow(/no saved connection/);
  });

  it('names the bad field of an invalid connection', async () => {
    const res = await post({ name: '', url: 'mysql://x' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: { path: string }[] } };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['name', 'url']);
  });

  it('refuses to save a connection that cannot log in, and says why without the password', async () => {
    const u = new URL(demoUrl);
    u.password = 'wrong-secret-123';
    const res = await post({ name: 'Bad', url: u.toString() });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toContain('database_auth_failed');
    expect(text).not.toContain('wrong-secret-123');
    const list = ConnectionListSchema.parse(await (await app.request('/api/connections')).json());
    expect(list.connections.map((c) => c.name)).not.toContain('Bad');
  });

  it('explains a connection refused on a closed port', async () => {
    const res = await post({ name: 'Closed', url: 'postgres://u:p@127.0.0.1:1/db' });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; hint?: string } };
    expect(body.error.code).toBe('database_unreachable');
    expect(body.error.hint).toBeTruthy();
  });
});
