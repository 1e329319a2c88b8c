import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../config';
import { captureDemo, type TestCapture } from './test-capture';

let tc: TestCapture;
let app: ChildProcess;
let appUrl = '';

beforeAll(async () => {
  tc = await captureDemo(inject('demoUrl'));
  app = spawn(process.execPath, [path.join(repoRoot, 'examples/dashboard-app/server.mjs')], {
    env: { ...process.env, DATABASE_URL: tc.url, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  appUrl = await new Promise<string>((resolve, reject) => {
    app.once('exit', (code) => reject(new Error(`the example app exited with ${code}`)));
    app.stdout!.on('data', (b: Buffer) => {
      const m = /listening on (http:\/\/\S+)\/dashboard/.exec(b.toString());
      if (m) resolve(m[1]!);
    });
  });
});
afterAll(async () => {
  app?.kill('SIGTERM');
  await tc?.stop();
});

describe('capturing the example dashboard app', () => {
  it('groups each page view into one traced request of five serial statements linked by the data', async () => {
    for (const user of [11, 12, 13, 14, 15]) {
      const res = await fetch(`${appUrl}/dashboard?user=${user}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { user: { id: string } }).user.id).toBe(String(user));
    }
    await tc.statements(25);
    const record = await tc.stop();
    const requests = record.requests.filter((r) => r.tags.route === '/dashboard');
    expect(requests).toHaveLength(5);
    for (const [i, r] of requests.entries()) {
      expect(r).toMatchObject({ groupedBy: 'traceparent', endpoint: '/dashboard', serialStatements: 4 });
      expect(r.traceId).toMatch(/^[0-9a-f]{32}$/);
      const [user, orders, favorites, reviews, product] = r.statements;
      expect(user!.params).toEqual([String(11 + i)]);
      expect(user!.tablesRead).toEqual(['users']);
      for (const s of [orders, favorites, reviews])
        expect(s!.valueRefs).toContainEqual({
          use: { kind: 'param', index: 0 },
          statementId: user!.id,
          column: 'id',
        });
      expect(product!.valueRefs).toContainEqual({
        use: { kind: 'param', index: 0 },
        statementId: orders!.id,
        column: 'product_id',
      });
      expect(r.wallMs).toBeGreaterThanOrEqual(r.dbMs);
      expect(r.serialMs).toBeGreaterThan(0);
    }
    expect(new Set(requests.map((r) => r.traceId)).size).toBe(5);
    const [top] = record.endpoints;
    expect(top).toMatchObject({
      endpoint: '/dashboard',
      namedBy: 'route',
      requests: 5,
      allSerial: true,
      medianStatements: 5,
    });
  });
});
