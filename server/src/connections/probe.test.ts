import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../db/embedded/free-port';
import { probeConnection } from './probe';

// A loopback server that accepts connections and never answers: a host that drops the handshake.
let silent: net.Server;
const sockets = new Set<net.Socket>();
let port = 0;

beforeAll(async () => {
  silent = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  port = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
});

describe('probeConnection', () => {
  it('answers with the database and its version', async () => {
    const r = await probeConnection(inject('demoUrl'));
    expect(r).toMatchObject({ ok: true, database: 'gatherscope_demo' });
    expect(r.latencyMs).toBeGreaterThan(0);
  });

  it('gives up on a server that never answers, within its time limit', async () => {
    const started = performance.now();
    const err = await probeConnection(`postgres://u:secret@127.0.0.1:${port}/db`, 300).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'database_unreachable', status: 503 });
    expect(String((err as Error).message)).toMatch(/No answer .* within 0.3 s/);
    expect(String((err as Error).message)).not.toContain('secret');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('says nothing listens on a refused port, at once, instead of waiting for the time limit', async () => {
    const closed = await freePort();
    const started = performance.now();
    const err = await probeConnection(`postgres://u:secret@127.0.0.1:${closed}/db`).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'database_unreachable' });
    expect(String((err as Error).message)).toMatch(/connection refused/);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('reports a wrong password as a refused login, without the password', async () => {
    const url = new URL(inject('demoUrl'));
    url.password = 'not-the-password';
    const err = await probeConnection(url.toString()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/refused the login for user/);
    expect(String((err as Error).message)).not.toContain('not-the-password');
  });
});
