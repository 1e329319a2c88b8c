import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiErrorSchema } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readOrCreateToken, sessionCookieName } from '../../src/http/security';
import { type AppUnderTest, appUnderTest, enumerateRoutes, GOOD_HOST, GOOD_ORIGIN } from './app-under-test';

describe('access token when listening beyond loopback', () => {
  let t: AppUnderTest;
  let token: string;
  const url = (p: string) => `http://${GOOD_HOST}${p}`;
  beforeAll(async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-token-'));
    token = await readOrCreateToken(dir);
    await fs.rm(dir, { recursive: true, force: true });
    t = await appUnderTest(inject('demoUrl'), { token });
  });
  afterAll(() => t.close());

  it('creates a 256-bit token once, with owner-only permissions, and re-tightens them', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-token-'));
    const a = await readOrCreateToken(dir);
    expect(Buffer.from(a, 'base64url').length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, 'auth-token');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    await fs.chmod(file, 0o644);
    expect(await readOrCreateToken(dir)).toBe(a);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    const other = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-token-'));
    expect(await readOrCreateToken(other)).not.toBe(a);
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(other, { recursive: true, force: true });
  });

  it('refuses every route without the token (API with 401 JSON, pages with the login page)', async () => {
    for (const p of enumerateRoutes(t.app)) {
      const res = await t.app.request(url(p.path), {
        method: p.method,
        headers: { host: GOOD_HOST, accept: 'application/json' },
      });
      expect(res.status, `${p.method} ${p.path}`).toBe(401);
      // The login exchange itself answers with its form.
      if (p.path.startsWith('/auth/')) continue;
      expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('unauthorized');
    }
    const page = await t.app.request(url('/'), { headers: { host: GOOD_HOST, accept: 'text/html' } });
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('<form method="post" action="/auth/login">');
    expect(html).not.toContain(token);
  });

  it('refuses a wrong token, a wrong cookie and a token in the query string of API calls', async () => {
    const wrong: Record<string, string>[] = [
      { authorization: 'Bearer nope' },
      { cookie: `${sessionCookieName(token)}=nope` },
      { authorization: `Bearer ${token.slice(0, -1)}` },
    ];
    for (const h of wrong) {
      const res = await t.app.request(url('/api/health'), { headers: { host: GOOD_HOST, ...h } });
      expect(res.status).toBe(401);
    }
    const q = await t.app.request(url(`/api/health?token=${token}`), { headers: { host: GOOD_HOST } });
    expect(q.status).toBe(401);
  });

  it('accepts Authorization: Bearer for scripts and the CLI', async () => {
    const res = await t.app.request(url('/api/health'), {
      headers: { host: GOOD_HOST, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  it('exchanges the login URL for an HttpOnly SameSite=Strict cookie and drops the token from the address bar', async () => {
    const bad = await t.app.request(url('/auth/login?token=wrong'), { headers: { host: GOOD_HOST } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
    const res = await t.app.request(url(`/auth/login?token=${token}`), { headers: { host: GOOD_HOST } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const value = new RegExp(`${sessionCookieName(token)}=([^;]+)`).exec(cookie)?.[1];
    const api = await t.app.request(url('/api/health'), {
      headers: { host: GOOD_HOST, cookie: `${sessionCookieName(token)}=${value}` },
    });
    expect(api.status).toBe(200);
  });

  it('accepts the login form from its own origin only', async () => {
    const form = new URLSearchParams({ token });
    const ok = await t.app.request(url('/auth/login'), {
      method: 'POST',
      headers: { host: GOOD_HOST, origin: GOOD_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(ok.status).toBe(303);
    const foreign = await t.app.request(url('/auth/login'), {
      method: 'POST',
      headers: {
        host: GOOD_HOST,
        origin: 'http://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
    });
    expect(foreign.status).toBe(403);
    const rebound = await t.app.request(`http://evil.example:4317/auth/login?token=${token}`, {
      headers: { host: 'evil.example:4317' },
    });
    expect(rebound.status).toBe(403);
  });
});
