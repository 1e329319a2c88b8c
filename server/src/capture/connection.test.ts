import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { captureDemo, type TestCapture } from './test-capture';
import * as w from './test-wire';

let tc: TestCapture;
beforeAll(async () => {
  tc = await captureDemo(inject('demoUrl'));
});
afterAll(async () => {
  await tc.stop();
});

/** A raw client: what the proxy answers to exactly these bytes. */
async function converse(steps: Buffer[], expectBytes: number): Promise<Buffer> {
  const sock = net.connect(tc.capture.port, '127.0.0.1');
  await new Promise((r) => sock.once('connect', r));
  const got: Buffer[] = [];
  sock.on('data', (b) => got.push(b));
  for (const s of steps) {
    sock.write(s);
    await new Promise((r) => setTimeout(r, 50));
  }
  const end = performance.now() + 5000;
  while (Buffer.concat(got).length < expectBytes && performance.now() < end)
    await new Promise((r) => setTimeout(r, 20));
  sock.destroy();
  return Buffer.concat(got);
}

const gssencRequest = () => {
  const b = Buffer.alloc(8);
  b.writeInt32BE(8, 0);
  b.writeInt32BE(80877104, 4);
  return b;
};

describe('the proxy’s own answers during startup', () => {
  it("answers GSSENCRequest and SSLRequest with 'N', then passes a protocol 3.2 startup to the server", async () => {
    const user = decodeURIComponent(new URL(inject('demoUrl')).username);
    const got = await converse(
      [gssencRequest(), w.sslRequest(), w.startup({ user, database: 'postgres' }, 2)],
      3,
    );
    expect(got.subarray(0, 2).toString()).toBe('NN');
    // PostgreSQL 18 speaks 3.2: its first answer is the authentication request, passed through.
    expect(String.fromCharCode(got[2]!)).toBe('R');
  });
});
