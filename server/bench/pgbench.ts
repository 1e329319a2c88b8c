import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderTable } from '../src/cli/table';
import { median } from '../src/engine/stats';
import type { BenchContext, BenchSection } from './context';
import { barePgRps, gatherscopeRps } from './load-clients';
import { findPgbench, PGBENCH_CANDIDATES, pgbenchRun, pgbenchScript } from './pgbench-client';
import { benchWorkload } from './workloads';

const CLIENTS = 8;
const SECONDS = 5;
const REPEATS = 5;
/** Target of the issue: Gatherscope's generator reaches at least 0.6 of pgbench's throughput. */
const TARGET = 0.6;

/**
 * Load generator efficiency: the user dashboard's four queries, 8 clients, each client running them
 * one after another on its own connection, by pgbench (C, libpq, one thread), by Gatherscope's
 * generator (sequential strategy, closed model, 8 virtual users on a pool of 8) and by a bare
 * node-postgres loop (the floor for a Node.js generator). Rotating repeats on the same database;
 * medians of the paired ratios and each client's CPU per transaction are reported.
 */
export const pgbenchSection: BenchSection = {
  id: 'pgbench',
  title: 'Load generator efficiency: Gatherscope vs pgbench, same four queries, 8 clients',
  async run(ctx: BenchContext) {
    const bin = await findPgbench();
    if (!bin) {
      const message = `skipped: pgbench not found (looked in ${PGBENCH_CANDIDATES.join(', ')}); install Debian's postgresql-client or postgresql package`;
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
      bare: number;
      bareCpuMsPerReq: number;
      gsCpuMsPerReq: number;
    }[] = [];
    try {
      // Warm-up, not counted: V8 compiles the generator's hot paths, the database caches the pages.
      ctx.log('pgbench: warm-up (2 s each, not counted)');
      await pgbenchRun(bin, ctx.url, scriptFile, 2, CLIENTS);
      await gatherscopeRps(ctx.url, workload, -1, 2, CLIENTS);
      await barePgRps(ctx.url, workload, 2, CLIENTS);
      for (let i = 0; i < REPEATS; i++) {
        ctx.log(`pgbench: repeat ${i + 1}/${REPEATS}`);
        let pgb: Awaited<ReturnType<typeof pgbenchRun>> = { tps: 0, cpuMsPerTx: undefined };
        let gs = { rps: 0, cpuPercent: 0, cpuMsPerReq: 0 };
        let bare = { rps: 0, cpuMsPerReq: 0 };
        const steps = [
          async () => {
            pgb = await pgbenchRun(bin, ctx.url, scriptFile, SECONDS, CLIENTS);
          },
          async () => {
            gs = await gatherscopeRps(ctx.url, workload, i, SECONDS, CLIENTS);
          },
          async () => {
            bare = await barePgRps(ctx.url, workload, SECONDS, CLIENTS);
          },
        ];
        // Rotate which goes first so drift and warm caches favour none.
        for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]!();
        rows.push({
          pgbench: pgb.tps,
          gatherscope: gs.rps,
          ratio: gs.rps / pgb.tps,
          cpuPercent: gs.cpuPercent,
          pgbenchCpuMsPerTx: pgb.cpuMsPerTx,
          bare: bare.rps,
          bareCpuMsPerReq: bare.cpuMsPerReq,
          gsCpuMsPerReq: gs.cpuMsPerReq,
        });
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const ratio = median(rows.map((r) => r.ratio));
    const cpu = median(rows.map((r) => r.cpuPercent));
    const pgTps = median(rows.map((r) => r.pgbench));
    // CPU the generator spends per request, and the share of a core it would need to keep pace.
    const cpuMsPerRequest = median(rows.map((r) => r.gsCpuMsPerReq));
    const bareCpuMsPerReq = median(rows.map((r) => r.bareCpuMsPerReq));
    const ofBare = median(rows.map((r) => r.gatherscope / Math.max(1, r.bare)));
    const needed = (cpuMsPerRequest * pgTps) / 1000;
    const pgCpu = rows.flatMap((r) => (r.pgbenchCpuMsPerTx === undefined ? [] : [r.pgbenchCpuMsPerTx]));
    const pgCpuMsPerTx = pgCpu.length ? median(pgCpu) : undefined;
    const load = os.loadavg()[0] ?? 0;
    const cores = os.cpus().length;
    const cpuCompare =
      pgCpuMsPerTx === undefined
        ? ''
        : ` Client CPU per transaction: pgbench ${pgCpuMsPerTx.toFixed(3)} ms, a bare node-postgres loop ${bareCpuMsPerReq.toFixed(3)} ms, Gatherscope ${cpuMsPerRequest.toFixed(3)} ms; Gatherscope reaches ${ofBare.toFixed(2)} of the bare loop's throughput, so what it adds to node-postgres is small and node-postgres's own cost per query (vs libpq in C) is most of the gap.`;
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
          'CPU ms/tx',
          'bare node-postgres req/s',
          'CPU ms/req',
          'Gatherscope req/s',
          'CPU %',
          'CPU ms/req',
          'ratio to pgbench',
        ],
        rows.map((r, i) => [
          String(i + 1),
          r.pgbench.toFixed(0),
          r.pgbenchCpuMsPerTx?.toFixed(3) ?? '–',
          r.bare.toFixed(0),
          r.bareCpuMsPerReq.toFixed(3),
          r.gatherscope.toFixed(0),
          r.cpuPercent.toFixed(0),
          r.gsCpuMsPerReq.toFixed(3),
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
        bareNodePostgresCpuMsPerRequest: bareCpuMsPerReq,
        throughputOfBareNodePostgres: ofBare,
        loadAverage: load,
      },
    };
  },
};
