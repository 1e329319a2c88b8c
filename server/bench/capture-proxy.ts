import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startCapture } from '../src/capture/recorder';
import { renderTable } from '../src/cli/table';
import { median } from '../src/engine/stats';
import type { BenchContext, BenchSection } from './context';
import { findPgbench } from './pgbench-client';

const run = promisify(execFile);

const LATENCY_ROUNDS = 4;
const LATENCY_SECONDS = 2;
/** Target of the issue: the proxy adds at most 0.1 ms per statement on loopback. */
const TARGET_ADDED_MS = 0.1;
const PGBENCH_SECONDS = 8;
const PGBENCH_CLIENTS = 8;

/** Through the proxy: the same URL with the proxy's host and port; the password passes through. */
const via = (url: string, port: number) => {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
};

/**
 * The control: a bare Node TCP forwarder (pipe both ways, no parsing). What it costs is the extra
 * hop any user-space proxy adds; what the capture proxy costs beyond it is the recording.
 */
async function bareForwarder(url: string): Promise<{ port: number; close: () => Promise<void> }> {
  const u = new URL(url);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const up = net.connect({ host: u.hostname, port: Number(u.port) });
    for (const s of [client, up]) {
      s.setNoDelay(true);
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        up.destroy();
      });
    }
    client.pipe(up);
    up.pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * One pgbench client sending `SELECT 1` (simple protocol) for `seconds`: each transaction's latency
 * in ms from pgbench's own log. pgbench is a process of its own, so the client never shares the
 * proxy's event loop, as an application would not.
 */
async function select1Latencies(bin: string, url: string, seconds: number, dir: string): Promise<number[]> {
  const u = new URL(url);
  const env = {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port,
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  };
  const script = path.join(dir, 'select1.sql');
  await fs.writeFile(script, 'SELECT 1;\n');
  const prefix = path.join(dir, `lat-${u.port}-${performance.now().toFixed(0)}`);
  await run(
    bin,
    [
      '-n',
      '-M',
      'simple',
      '-c',
      '1',
      '-j',
      '1',
      '-T',
      String(seconds),
      '-f',
      script,
      '-l',
      `--log-prefix=${prefix}`,
    ],
    { env, cwd: dir },
  );
  const out: number[] = [];
  for (const f of await fs.readdir(dir)) {
    if (!path.join(dir, f).startsWith(prefix)) continue;
    for (const line of (await fs.readFile(path.join(dir, f), 'utf8')).split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (line && Number.isFinite(us)) out.push(us / 1000);
    }
  }
  return out;
}

async function pgbench(bin: string, url: string, script: string): Promise<number> {
  const u = new URL(url);
  const env = {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port,
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  };
  const args = [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(PGBENCH_CLIENTS),
    '-j',
    '2',
    '-T',
    String(PGBENCH_SECONDS),
    '-f',
    script,
  ];
  const { stdout } = await run(bin, args, { env });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!m) throw new Error(`unexpected pgbench output: ${stdout.slice(-300)}`);
  return Number(m[1]);
}

/**
 * The capture proxy's cost, side by side with the direct connection in one run: (a) the median
 * added latency of one pgbench client's `SELECT 1` (rounds alternate the order so drift hits all), and
 * (b) pgbench -M prepared -c 8 -j 2 throughput direct vs through the proxy, with the proxy's own
 * CPU time (it runs in this process) to say what limits it. A bare Node forwarder is measured beside
 * both, to separate the cost of the extra hop from the cost of recording.
 */
export const captureProxySection: BenchSection = {
  id: 'capture',
  title: 'Capture proxy: added latency per statement and throughput vs direct',
  async run(ctx: BenchContext) {
    let statements = 0;
    const capture = await startCapture({
      targetUrl: ctx.url,
      onEvent: (e) => {
        if (e.type === 'statement') statements++;
      },
    });
    const proxied = via(ctx.url, capture.port);
    const forwarder = await bareForwarder(ctx.url);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-bench-capture-'));
    const forwarded = via(ctx.url, forwarder.port);
    try {
      const bin = await findPgbench();
      if (!bin) throw new Error("pgbench is not installed (Debian's postgresql package)");
      const urls = [ctx.url, forwarded, proxied];
      const samples = new Map<string, number[]>(urls.map((u) => [u, []]));
      // Rounds alternate the order (A B C, C B A, …) so drift hits all three alike.
      for (let round = 0; round < LATENCY_ROUNDS; round++) {
        const order = round % 2 ? [...urls].reverse() : urls;
        for (const u of order)
          samples.get(u)!.push(...(await select1Latencies(bin, u, LATENCY_SECONDS, dir)));
      }
      const d = samples.get(ctx.url)!;
      const f = samples.get(forwarded)!;
      const p = samples.get(proxied)!;
      const added = median(p) - median(d);
      ctx.log(
        `SELECT 1: direct ${median(d).toFixed(3)} ms, bare forwarder ${median(f).toFixed(3)} ms, capture proxy ${median(p).toFixed(3)} ms`,
      );

      let throughput: {
        direct: number;
        forwarder: number;
        proxy: number;
        proxyCpuShare: number;
        forwarderCpuUsPerTx: number;
        proxyCpuUsPerStatement: number;
      } | null = null;
      {
        const script = path.join(dir, 'lookup.sql');
        await fs.writeFile(
          script,
          '\\set id random(1, 5000)\nSELECT id, country FROM users WHERE id = :id;\n',
        );
        const directTps = await pgbench(bin, ctx.url, script);
        const fCpu0 = process.cpuUsage();
        const forwarderTps = await pgbench(bin, forwarded, script);
        const fCpu = process.cpuUsage(fCpu0);
        const before = statements;
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        const proxyTps = await pgbench(bin, proxied, script);
        const cpu = process.cpuUsage(cpu0);
        const wallMs = performance.now() - t0;
        const recorded = statements - before;
        throughput = {
          direct: directTps,
          forwarder: forwarderTps,
          proxy: proxyTps,
          proxyCpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
          // CPU per transaction in this process: forwarding alone, and forwarding + recording.
          forwarderCpuUsPerTx: (fCpu.user + fCpu.system) / (forwarderTps * PGBENCH_SECONDS),
          proxyCpuUsPerStatement: (cpu.user + cpu.system) / Math.max(1, recorded),
        };
      }
      const rows = [
        ['SELECT 1 median, direct', `${median(d).toFixed(3)} ms`],
        ['SELECT 1 median, bare Node forwarder (control)', `${median(f).toFixed(3)} ms`],
        ['SELECT 1 median, through the capture proxy', `${median(p).toFixed(3)} ms`],
        [
          'added per statement',
          `${added.toFixed(3)} ms (target ≤ ${TARGET_ADDED_MS} ms: ${added <= TARGET_ADDED_MS ? 'met' : 'NOT met'})`,
        ],
      ];
      if (throughput) {
        rows.push(
          [`pgbench -M prepared -c ${PGBENCH_CLIENTS} -j 2, direct`, `${throughput.direct.toFixed(0)} tps`],
          ['… through a bare Node forwarder (control)', `${throughput.forwarder.toFixed(0)} tps`],
          ['… through the capture proxy', `${throughput.proxy.toFixed(0)} tps`],
          ['ratio capture proxy / direct', (throughput.proxy / throughput.direct).toFixed(3)],
          ['ratio capture proxy / bare forwarder', (throughput.proxy / throughput.forwarder).toFixed(3)],
          [
            'proxy process CPU during it',
            `${(throughput.proxyCpuShare * 100).toFixed(0)}% of one core (${os.cpus().length} cores shared with PostgreSQL and pgbench)`,
          ],
        );
        rows.push([
          'CPU per statement in the proxy process',
          `${throughput.proxyCpuUsPerStatement.toFixed(0)} µs (bare forwarder: ${throughput.forwarderCpuUsPerTx.toFixed(0)} µs)`,
        ]);
      }
      rows.push(['statements recorded', String(statements)]);
      return {
        table: renderTable(['measure', 'value'], rows),
        results: {
          select1: {
            directMedianMs: median(d),
            forwarderMedianMs: median(f),
            proxyMedianMs: median(p),
            addedMs: added,
            samples: d.length,
          },
          pgbench: throughput && {
            ...throughput,
            ratio: throughput.proxy / throughput.direct,
            clients: PGBENCH_CLIENTS,
            seconds: PGBENCH_SECONDS,
          },
          statementsRecorded: statements,
        },
      };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
      await capture.stop();
      await forwarder.close();
    }
  },
};
