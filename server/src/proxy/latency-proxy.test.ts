import net from 'node:net';
import { RunSettingsSchema } from '@gatherscope/shared';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createProfiler } from '../engine/profiler';
import { median } from '../engine/stats';
import { getBuiltinWorkload } from '../workloads/builtin';
import { type LatencyProxy, startLatencyProxy } from './latency-proxy';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function echoServer(): Promise<number> {
  const server = net.createServer((s) => s.pipe(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise((r) => server.close(() => r())));
  return (server.address() as net.AddressInfo).port;
}

async function roundTrips(
  proxy: LatencyProxy,
  n: number,
): Promise<{ connectMs: number; rtts: number[]; got: string }> {
  const t0 = performance.now();
  const sock = net.connect(proxy.port, proxy.host);
  await new Promise((r) => sock.once('connect', r));
  const connectMs = performance.now() - t0;
  const rtts: number[] = [];
  let got = '';
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    sock.write(`ping${i};`);
    await new Promise<void>((resolve) =>
      sock.once('data', (d) => {
        got += d.toString();
        resolve();
      }),
    );
    rtts.push(performance.now() - t);
  }
  sock.destroy();
  return { connectMs, rtts, got };
}

describe('latency proxy', () => {
  it('makes each round trip cost the RTT and keeps the bytes in order', async () => {
    const port = await echoServer();
    const proxy = await startLatencyProxy({ targetHost: '127.0.0.1', targetPort: port, rttMs: 40 });
    cleanup.push(() => proxy.close());
    const { connectMs, rtts, got } = await roundTrips(proxy, 6);
    // The first one also pays the simulated TCP handshake (one more RTT), which starts when the proxy
    // accepts: counted from the connect call, not from the client's late 'connect' event on a busy
    // machine.
    expect(connectMs + rtts[0]!).toBeGreaterThanOrEqual(79);
    const rest = median(rtts.slice(1));
    expect(rest).toBeGreaterThanOrEqual(39);
    expect(rest).toBeLessThan(70);
    expect(got).toBe('ping0;ping1;ping2;ping3;ping4;ping5;');
  });

  it('adds jitter without reordering a direction', async () => {
    const port = await echoServer();
    const proxy = await startLatencyProxy({
      targetHost: '127.0.0.1',
      targetPort: port,
      rttMs: 2,
      jitterMs: 20,
    });
    cleanup.push(() => proxy.close());
    const sock = net.connect(proxy.port, proxy.host);
    let got = '';
    sock.on('data', (d) => {
      got += d.toString();
    });
    await new Promise((r) => sock.once('connect', r));
    const sent = Array.from({ length: 40 }, (_, i) => `${i},`).join('');
    for (let i = 0; i < 40; i++) sock.write(`${i},`);
    for (let i = 0; i < 100 && got.length < sent.length; i++) await new Promise((r) => setTimeout(r, 20));
    sock.destroy();
    expect(got).toBe(sent);
  });

  it('makes four trivial queries cost about four RTTs in sequence and one at once', async () => {
    const settings = RunSettingsSchema.parse({ strategies: ['sequential'], rttMs: 20 });
    const profiler = await createProfiler({
      url: inject('demoUrl'),
      workload: getBuiltinWorkload('trivial'),
      settings,
    });
    cleanup.push(() => profiler.close());
    const walls = { sequential: [] as number[], concurrent: [] as number[] };
    for (let i = 0; i < 5; i++) {
      for (const s of ['sequential', 'concurrent'] as const) {
        const r = await profiler.runTrial(s, { trial: i });
        expect(r.failed).toBe(false);
        walls[s].push(r.wallMs);
      }
    }
    // Never faster than the round trips; slower only by what a loaded machine adds to each.
    const seq = median(walls.sequential);
    const conc = median(walls.concurrent);
    expect(seq).toBeGreaterThanOrEqual(78);
    expect(conc).toBeGreaterThanOrEqual(19);
    expect(conc).toBeLessThan(60);
    // The model says three round trips apart; allow a loaded machine to blur one of them.
    expect(seq - conc).toBeGreaterThanOrEqual(40);
  });

  it('carries a large transfer intact in both directions', async () => {
    const port = await echoServer();
    const proxy = await startLatencyProxy({
      targetHost: '127.0.0.1',
      targetPort: port,
      rttMs: 4,
      jitterMs: 2,
    });
    cleanup.push(() => proxy.close());
    const sock = net.connect(proxy.port, proxy.host);
    await new Promise((r) => sock.once('connect', r));
    const payload = Buffer.alloc(12 * 1024 * 1024);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 7) % 251;
    const chunks: Buffer[] = [];
    let got = 0;
    const done = new Promise<void>((resolve) =>
      sock.on('data', (d: Buffer) => {
        chunks.push(d);
        got += d.length;
        if (got >= payload.length) resolve();
      }),
    );
    sock.write(payload);
    await done;
    sock.destroy();
    expect(Buffer.concat(chunks).equals(payload)).toBe(true);
  });

  it('closes the connections through it when closed', async () => {
    const port = await echoServer();
    const proxy = await startLatencyProxy({ targetHost: '127.0.0.1', targetPort: port, rttMs: 10 });
    const sock = net.connect(proxy.port, proxy.host);
    await new Promise((r) => sock.once('connect', r));
    const closed = new Promise((r) => sock.once('close', r));
    await proxy.close();
    await closed;
    expect(sock.destroyed).toBe(true);
  });
});
