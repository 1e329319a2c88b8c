import { ApiErrorSchema } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppUnderTest, appUnderTest, enumerateRoutes, GOOD_HOST, GOOD_ORIGIN } from './app-under-test';

async function expectRefused(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = ApiErrorSchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.hint).toBeTruthy();
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
}

describe('Host and Origin on every route', () => {
  let t: AppUnderTest;
  beforeAll(async () => {
    t = await appUnderTest(inject('demoUrl'));
  });
  afterAll(() => t.close());

  it('finds the routes to probe (health, the API catch-all, static files)', () => {
    const probes = enumerateRoutes(t.app).map((p) => `${p.method} ${p.path}`);
    expect(probes).toContain('GET /api/health');
    expect(probes).toContain('GET /assets/app.js');
    // Every feature's routes are there: runs and their streams, load tests, matrix, connections.
    for (const p of [
      'POST /api/runs',
      'GET /api/runs/probe-id/events',
      'POST /api/load-tests',
      'POST /api/captures',
      'POST /api/captures/probe-id/requests/probe-id/replay',
      'POST /api/traces',
      'POST /api/connections',
    ]) {
      expect(probes).toContain(p);
    }
    expect(probes.length).toBeGreaterThanOrEqual(20);
    console.log(`probing ${probes.length} routes`);
  });

  it('answers the app itself: right Host, no Origin or its own Origin', async () => {
    const res = await t.app.request(`http://${GOOD_HOST}/api/health`, { headers: { host: GOOD_HOST } });
    expect(res.status).toBe(200);
    const page = await t.app.request(`http://${GOOD_HOST}/`, {
      headers: { host: GOOD_HOST, 'sec-fetch-site': 'none' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = await t.app.request(`http://${GOOD_HOST}/assets/app.js`, {
      headers: { host: GOOD_HOST, origin: GOOD_ORIGIN },
    });
    expect(asset.status).toBe(200);
  });

  const badHosts = [
    'evil.example:4317',
    'evil.example',
    'localhost:9999',
    '127.0.0.1.nip.io:4317',
    'localhost.:4317',
  ];
  for (const host of badHosts) {
    it(`refuses Host ${host} on every route (DNS rebinding)`, async () => {
      for (const p of enumerateRoutes(t.app)) {
        const res = await t.app.request(`http://${host}${p.path}`, {
          method: p.method,
          headers: { host, 'content-type': 'application/json' },
          ...(p.method === 'GET' || p.method === 'HEAD' ? {} : { body: '{}' }),
        });
        await expectRefused(res, 403, 'forbidden');
      }
    });
  }

  it('refuses an absolute-form request line naming another host', async () => {
    const res = await t.app.request('http://evil.example/api/health', { headers: { host: GOOD_HOST } });
    await expectRefused(res, 403, 'forbidden');
  });

  for (const origin of [
    'http://evil.example',
    'null',
    'http://localhost:8080',
    `http://${GOOD_HOST}.evil.example`,
  ]) {
    it(`refuses Origin ${origin} on every route, reads and event streams included`, async () => {
      for (const p of enumerateRoutes(t.app)) {
        const res = await t.app.request(`http://${GOOD_HOST}${p.path}`, {
          method: p.method,
          headers: {
            host: GOOD_HOST,
            origin,
            accept: 'text/event-stream',
            'content-type': 'application/json',
          },
          ...(p.method === 'GET' || p.method === 'HEAD' ? {} : { body: '{}' }),
        });
        await expectRefused(res, 403, 'forbidden');
      }
    });
  }

  it('refuses cross-site requests without an Origin: state changes, streams, API reads', async () => {
    for (const p of enumerateRoutes(t.app).filter((r) => r.path.startsWith('/api/'))) {
      const res = await t.app.request(`http://${GOOD_HOST}${p.path}`, {
        method: p.method,
        headers: { host: GOOD_HOST, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
      });
      await expectRefused(res, 403, 'forbidden');
    }
    const preflight = await t.app.request(`http://${GOOD_HOST}/api/health`, {
      method: 'OPTIONS',
      headers: { host: GOOD_HOST, origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    await expectRefused(preflight, 403, 'forbidden');
  });

  it('never sends the database password to the browser, from any GET route or error', async () => {
    const password = decodeURIComponent(new URL(inject('demoUrl')).password);
    expect(password.length).toBeGreaterThan(8);
    for (const p of enumerateRoutes(t.app)) {
      const res = await t.app.request(`http://${GOOD_HOST}${p.path}`, {
        method: p.method,
        headers: { host: GOOD_HOST, 'content-type': 'application/json' },
        ...(p.method === 'GET' || p.method === 'HEAD'
          ? {}
          : { body: '{"url":"postgres://x:y@127.0.0.1:1/z"}' }),
      });
      if (res.headers.get('content-type')?.includes('text/event-stream')) {
        await res.body?.cancel();
        continue;
      }
      expect(await res.text(), `${p.method} ${p.path}`).not.toContain(password);
    }
  });

  it('limits request bodies to 1 MB with payload_too_large (run imports to 64 MB)', async () => {
    const big = JSON.stringify({ sql: 'x'.repeat(1024 * 1024 + 10) });
    const res = await t.app.request(`http://${GOOD_HOST}/api/health`, {
      method: 'POST',
      headers: { host: GOOD_HOST, 'content-type': 'application/json' },
      body: big,
    });
    await expectRefused(res, 413, 'payload_too_large');
    const chunked = new ReadableStream<Uint8Array>({
      start(ctrl) {
        for (let i = 0; i < 20; i++) ctrl.enqueue(new Uint8Array(100 * 1024));
        ctrl.close();
      },
    });
    const res2 = await t.app.request(`http://${GOOD_HOST}/api/health`, {
      method: 'POST',
      headers: { host: GOOD_HOST, 'transfer-encoding': 'chunked' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    await expectRefused(res2, 413, 'payload_too_large');
    // A run export being imported may be larger: it gets past the limit to the route's own checks.
    const imported = await t.app.request(`http://${GOOD_HOST}/api/runs/import`, {
      method: 'POST',
      headers: { host: GOOD_HOST, 'content-type': 'application/json' },
      body: big,
    });
    expect(imported.status).toBe(400);
  });
});
