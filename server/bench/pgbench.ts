import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LoadSettingsSchema, type Workload } from '@gatherscope/shared';
import { renderTable } from '../src/cli/table';
import { openLatencyProxy } from '../src/load/proxy';
import { runLoadTest } from '../src/load/runner';
import type { BenchContext, BenchSection } from './context';
import { benchWorkload } from './workloads';

const run = promisify(execFile);
const CLIENTS = 8;
const SECONDS = 5;
const REPEATS = 5;
/** Target of the issue: Gatherscope's generator reaches at least 0.6 of pgbench's throughput. */
const TARGET = 0.6;
const CANDIDATES = [
  '/usr/lib/postgresql/15/bin/pgbench',
  '/usr/lib/postgresql/16/bin/pgbench',
  '/usr/bin/pgbench',
];

async function findPgbench(): Promise<string | undefined> {
  for (const c of CANDIDATES) {
    if (
      await fs
        .access(c)
        .then(() => true)
        .catch(() => false)
    )
      return c;
  }
  return undefined;
}

/** The workload as a pgbench script: one transaction = the queries in order on one connection (sequential). */
export function pgbenchScript(w: Workload): string {
  const lines: string[] = [];
  w.queries.forEach((q, i) => {
    let sql = q.sql.replace(/\s+/g, ' ').trim();
    (q.params ?? []).forEach((p, j) => {
      const name = `p${i}_${j + 1}`;
      if (p !== null && typeof p === 'object' && p.kind === 'randomInt') {
        lines.push(`\\set ${name} random(${p.min}, ${p.max})`);
      } else if (typeof p === 'number') {
        lines.push(`\\set ${name} ${p}`);
      } else {
        throw new Error(
          `query "${q.id}": parameter ${j + 1} is not a random integer or a number; pgbench cannot generate it`,
        );
      }
      sql = sql.replace(new RegExp(`\\$${j + 1}(?!\\d)`, 'g'), `:${name}`);
    });
    lines.push(`${sql};`);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Runs pgbench for `seconds`; through bash when there is one, whose `times` gives the client's CPU
 * (user + system) so its cost per transaction compares with the generator's.
 */
async function pgbenchRun(
  bin: string,
  url: string,
  scriptFile: string,
  seconds = SECONDS,
): Promise<{ tps: number; cpuMsPerTx: number | undefined }> {
  const u = new URL(url);
  const args = [
    '-n',
    '-M',
    'extended',
    '-c',
    String(CLIENTS),
    '-j',
    '1',
    '-T',
    String(seconds),
    '-f',
    scriptFile,
  ];
  const env = {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port,
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: u.pathname.slice(1),
  };
  const bash = await fs
    .access('/bin/bash')
    .then(() => true)
    .catch(() => false);
  const { stdout } = bash
    ? await run('/bin/bash', ['-c', '"$0" "$@" && times', bin, ...args], { env })
    : await run(bin, args, { env });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
  if (!m) throw new Error(`unexpected pgbench output: ${stdout.slice(-300)}`);
  const txs = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? Number.NaN);
  // `times` prints the shell's own CPU, then its children's: "0m1.234s 0m0.567s".
  const children = [...stdout.matchAll(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/gm)].at(-1);
  const cpuSec = children
    ? Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4])
    : Number.NaN;
  const cpuMsPerTx = Number.isFinite(cpuSec) && txs > 0 ? (cpuSec * 1000) / txs : undefined;
  return { tps: Number(m[1]), cpuMsPerTx };
}

async function gatherscopeRps(url: string, workload: Workload, i: number, seconds = SECONDS) {
  const out = await runLoadTest({
    testId: `bench${i}${Date.now().toString(36)}`,
    url,
    workload,
    settings: LoadSettingsSchema.parse({
      strategies: ['sequential'],
      model: { kind: 'closed', vus: CLIENTS },
      durationS: seconds,
      poolSize: CLIENTS,
    }),
    signal: new AbortController().signal,
    onEvent: () => {},
    openProxy: openLatencyProxy,
  });
  const r = out.results[0];
  if (!r || r.errors > 0) throw new Error(`the generator's run had ${r?.errors ?? 'no'} errors`);
  const cpu = out.series.map((s) => s.cpuPercent);
  return { rps: r.throughput, cpuPercent: cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Load generator efficiency: the user dashboard's four queries, 8 clients, each client running them
 * one after another on its own connection, by pgbench (C, multi-threaded) and by Gatherscope's
 * generator (sequential strategy, closed model, 8 virtual users on a pool of 8). Alternating
 * repeats on the same database; the median of the paired ratios is reported.
 */
export const pgbenchSection: BenchSection = {
  id: 'pgbench',
  title: 'Load generator efficiency: Gatherscope vs pgbench, same four queries, 8 clients',
  async run(ctx: BenchContext) {
    const bin = await findPgbench();
    if (!bin) {
      const message = `skipped: pgbench not found (looked in ${CANDIDATES.join(', ')}); install Debian's postgresql-client or postgresql package`;
      return { table: message, results: { skipped: true, message } };
    }
    const workload = benchWorkload('overhead');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-pgbench-'));
    const scriptFile = path.join(dir, 'dashboard.sql');
    await fs.writeFile(scriptFile, pgbenchScript(workload));
    const rows: {
      pgbench: number;
      gatherscope: number;
      ratio: number;
      cpuPercent: number;
      pgbenchCpuMsPerTx: number | undefined;
    }[] = [];
    try {
      // Warm-up, not counted: V8 compiles the generator's hot paths, the database caches the pages.
      ctx.log('pgbench: warm-up (2 s each, not counted)');
      await pgbenchRun(bin, ctx.url, scriptFile, 2);
      await gatherscopeRps(ctx.url, workload, -1, 2);
      for (let i = 0; i < REPEATS; i++) {
        ctx.log(`pgbench: repeat ${i + 1}/${REPEATS}`);
        let pg: Awaited<ReturnType<typeof pgbenchRun>> = { tps: 0, cpuMsPerTx: undefined };
        let gs = { rps: 0, cpuPercent: 0 };
        // Alternate which goes first so drift and warm caches favour neither.
        if (i % 2 === 0) {
          pg = await pgbenchRun(bin, ctx.url, scriptFile);
          gs = await gatherscopeRps(ctx.url, workload, i);
        } else {
          gs = await gatherscopeRps(ctx.url, workload, i);
          pg = await pgbenchRun(bin, ctx.url, scriptFile);
        }
        rows.push({
          pgbench: pg.tps,
          gatherscope: gs.rps,
          ratio: gs.rps / pg.tps,
          cpuPercent: gs.cpuPercent,
          pgbenchCpuMsPerTx: pg.cpuMsPerTx,
        });
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const ratio = median(rows.map((r) => r.ratio));
    const cpu = median(rows.map((r) => r.cpuPercent));
    const pgTps = median(rows.map((r) => r.pgbench));
    // CPU the generator spends per request, and the share of a core it would need to keep pace.
    const cpuMsPerRequest = median(rows.map((r) => (r.cpuPercent * 10) / Math.max(1, r.gatherscope)));
    const needed = (cpuMsPerRequest * pgTps) / 1000;
    const pgCpu = rows.flatMap((r) => (r.pgbenchCpuMsPerTx === undefined ? [] : [r.pgbenchCpuMsPerTx]));
    const pgCpuMsPerTx = pgCpu.length ? median(pgCpu) : undefined;
    const load = os.loadavg()[0] ?? 0;
    const cores = os.cpus().length;
    const cpuCompare =
      pgCpuMsPerTx === undefined
        ? ''
        : ` Client CPU per transaction: pgbench ${pgCpuMsPerTx.toFixed(3)} ms, Gatherscope ${cpuMsPerRequest.toFixed(3)} ms (${(cpuMsPerRequest / pgCpuMsPerTx).toFixed(1)}x).`;
    const limit =
      needed > 0.9
        ? `matching pgbench's ${pgTps.toFixed(0)} tx/s would take ${(needed * 100).toFixed(0)}% of a core of JavaScript (${cpuMsPerRequest.toFixed(3)} ms of CPU per request: pg's protocol handling, promises, timing and HDR recording), so the generator's single thread is the limit.`
        : cpu / 100 < needed * 0.9
          ? `the generator needs ${cpuMsPerRequest.toFixed(3)} ms of CPU per request, ${(needed * 100).toFixed(0)}% of a core to keep pace with pgbench, but got ${cpu.toFixed(0)}%: its one thread competes for ${cores} cores with the ${CLIENTS} database backends${load > cores ? ` and other work (load average ${load.toFixed(1)})` : ''}, where pgbench's C client needs less. CPU contention, not the generator's cost alone, limits the ratio; on a core of its own it would do about ${(1000 / cpuMsPerRequest).toFixed(0)} req/s.`
          : `the generator used ${cpu.toFixed(0)}% of a core, less than it could: the database on the same ${cores} cores limits both.`;
    const table = [
      `workload "${workload.name}" (${workload.queries.length} queries per transaction), ${CLIENTS} clients, ${SECONDS} s per measurement, ${REPEATS} alternating repeats after a 2 s warm-up of each; pgbench -M extended -j 1 (one client thread, like Gatherscope's one event loop)`,
      '',
      renderTable(
        [
          'repeat',
          'pgbench tx/s',
          'pgbench CPU ms/tx',
          'Gatherscope req/s',
          'Gatherscope CPU %',
          'Gatherscope CPU ms/req',
          'ratio',
        ],
        rows.map((r, i) => [
          String(i + 1),
          r.pgbench.toFixed(0),
          r.pgbenchCpuMsPerTx?.toFixed(3) ?? '–',
          r.gatherscope.toFixed(0),
          r.cpuPercent.toFixed(0),
          ((r.cpuPercent * 10) / Math.max(1, r.gatherscope)).toFixed(3),
          r.ratio.toFixed(3),
        ]),
      ),
      '',
      `throughput ratio Gatherscope / pgbench (median): ${ratio.toFixed(3)} (target ≥ ${TARGET}): ${ratio >= TARGET ? 'met' : 'NOT met'}`,
      `what limits it: ${limit}${cpuCompare}`,
    ].join('\n');
    return {
      table,
      results: {
        workload: workload.name,
        clients: CLIENTS,
        seconds: SECONDS,
        repeats: rows,
        ratio,
        target: TARGET,
        met: ratio >= TARGET,
        limit,
        cpuMsPerRequest,
        pgbenchCpuMsPerTx: pgCpuMsPerTx ?? null,
        loadAverage: load,
      },
    };
  },
};
