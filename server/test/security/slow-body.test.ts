import net, { type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AllowedHosts } from '../../src/http/security';
import { requestDeadlineOptions } from '../../src/http/security/body-deadline';
import { type AppUnderTest, appUnderTest } from './app-under-test';

const DEADLINE_MS = 600;

/**
 * A client that sends its request body a byte at a time, slower than any real one (issue #12: one
 * byte every 2 s was never cut off). Past the body deadline node answers 408 and closes the
 * connection; the app goes on serving others. The deadline is short here, 60 s in production.
 */
describe('a request body that arrives too slowly', () => {
  let t: AppUnderTest;
  let server: ReturnType<typeof serve>;
  let port = 0;
  beforeAll(async () => {
    const hosts = new AllowedHosts({ port: 0 });
    t = await appUnderTest(inject('demoUrl'), { hosts });
    server = serve({
      fetch: t.app.fetch,
      hostname: '127.0.0.1',
      port: 0,
      serverOptions: requestDeadlineOptions(DEADLINE_MS),
    });
    await new Promise<void>((r) => server.once('listening', () => r()));
    port = (server.address() as AddressInfo).port;
    hosts.setPort(port);
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((r) => server?.close(r));
  });

  it('is cut off with 408 after the deadline, and the connection closed', { timeout: 10_000 }, async () => {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const body = JSON.stringify({ workload: 'user-dashboard', strategies: ['sequential'], trials: 1 });
    socket.write(
      `POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
    });
    const closed = new Promise<number>((r) => socket.once('close', () => r(performance.now())));
    const t0 = performance.now();
    let sent = 0;
    // One byte every 150 ms: the whole body would take seconds.
    const drip = setInterval(() => {
      if (socket.writable && sent < body.length) socket.write(body[sent++]!);
    }, 150);
    const closedAt = await closed;
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(sent).toBeLessThan(body.length);
    // Cut off after the deadline (node checks a few times per deadline), long before the body ended.
    expect(closedAt - t0).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(closedAt - t0).toBeLessThan(DEADLINE_MS * 4);
  });

  it('a body sent at once is not affected, and the app goes on serving', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(res.status).toBe(200);
    // A kept-alive connection idle longer than the deadline is no late request.
    await new Promise((r) => setTimeout(r, DEADLINE_MS * 2));
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  });
});
