import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StatementMode } from '@gatherscope/shared';
import { renderTable } from '../src/cli/table';
import { median } from '../src/engine/stats';
import type { BenchContext, BenchSection } from './context';
import { barePgRps, gatherscopeRps } from './load-clients';
import { findPgbench, PGBENCH_CANDIDATES, pgbenchRun, pgbenchScript } from './pgbench-client';
import { benchWorkload } from './workloads';

const CLIENTS = 8;
const SECONDS = 5;
const REPEATS = 3;
/** pgbench's client threads (-j) and Gatherscope's generator threads: the same on both sides. */
const THREADS = 2;
/** Target of the issue: Gatherscope in prepared mode reaches at least 0.7 of `pgbench -M prepared -j 2`. */
const TARGET = 0.7;

type Gs = Awaited<ReturnType<typeof gatherscopeRps>>;
type Pgb = Awaited<ReturnType<typeof pgbenchRun>>;

interface Row {
  pgPrepared: Pgb;
  gsPrepared: Gs;
  pgExtended: Pgb;
  gsExtended: Gs;
  pgSimple: Pgb;
  gsSimple: Gs;
  bare: { rps: number; cpuMsPerReq: number };
}

const ms = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));

/**
 * Load generator efficiency: the user dashboard's four queries, 8 clients, each running them one
 * after another on its own connection, by pgbench (C, libpq) on 2 threads and by Gatherscope's
 * generator on 2 threads (sequential strategy, closed model, 8 virtual users on a pool of 8), in
 * the prepared and the extended statement modes, and by a bare node-postgres loop on one thread.
 * Rotating repeats on the same database; medians of the paired ratios, each client's CPU per
 * transaction, and how busy the generator's threads were.
 */
export const pgbenchSection: BenchSection = {
  id: 'pgbench',
  title: `Load generator efficiency: Gatherscope vs pgbench -j ${THREADS}, same four queries, ${CLIENTS} clients`,
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
    const rows: Row[] = [];
    const pg = (mode: StatementMode) =>
      pgbenchRun(bin, ctx.url, scriptFile, SECONDS, CLIENTS, { mode, threads: THREADS });
    const gs = (mode: StatementMode, i: number) =>
      gatherscopeRps(ctx.url, workload, i, SECONDS, CLIENTS, { mode, threads: THREADS });
    try {
      // Warm-up, not counted: V8 compiles the generator's hot paths, the database caches the pages.
      ctx.log('pgbench: warm-up (2 s each, not counted)');
      await pgbenchRun(bin, ctx.url, scriptFile, 2, CLIENTS, { mode: 'prepared', threads: THREADS });
      await gatherscopeRps(ctx.url, workload, -1, 2, CLIENTS, { mode: 'prepared', threads: THREADS });
      await barePgRps(ctx.url, workload, 2, CLIENTS);
      for (let i = 0; i < REPEATS; i++) {
        ctx.log(`pgbench: repeat ${i + 1}/${REPEATS}`);
        const row: Partial<Row> = {};
        const steps = [
          async () => {
            row.pgPrepared = await pg('prepared');
          },
          async () => {
            row.gsPrepared = await gs('prepared', i);
          },
          async () => {
            row.pgExtended = await pg('extended');
          },
          async () => {
            row.gsExtended = await gs('extended', i);
          },
          async () => {
            row.pgSimple = await pg('simple');
          },
          async () => {
            row.gsSimple = await gs('simple', i);
          },
          async () => {
            row.bare = await barePgRps(ctx.url, workload, SECONDS, CLIENTS);
          },
        ];
        // Rotate which goes first so drift and warm caches favour none.
        for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]!();
        rows.push(row as Row);
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const med = (f: (r: Row) => number) => median(rows.map(f));
    const medOpt = (f: (r: Row) => number | undefined) => {
      const xs = rows.flatMap((r) => (f(r) === undefined ? [] : [f(r)!]));
      return xs.length ? median(xs) : undefined;
    };
    const ratio = med((r) => r.gsPrepared.rps / r.pgPrepared.tps);
    const ratioExtended = med((r) => r.gsExtended.rps / r.pgExtended.tps);
    const ratioSimple = med((r) => r.gsSimple.rps / r.pgSimple.tps);
    const busy = med((r) => r.gsPrepared.busy);
    const saturated = med((r) => r.gsPrepared.saturatedSeconds);
    const seconds = med((r) => r.gsPrepared.seconds);
    const gsCpu = med((r) => r.gsPrepared.cpuMsPerReq);
    const pgCpu = medOpt((r) => r.pgPrepared.cpuMsPerTx);
    const bareCpu = med((r) => r.bare.cpuMsPerReq);
    const cores = os.cpus().length;
    const load = os.loadavg()[0] ?? 0;
    const cpuWords = `client CPU per transaction: pgbench ${ms(pgCpu)} ms, Gatherscope ${ms(gsCpu)} ms (whole process, every thread), a bare node-postgres loop ${ms(bareCpu)} ms`;
    const limit =
      busy >= 0.9
        ? `Gatherscope's busiest generator thread was busy ${(busy * 100).toFixed(0)}% of the time (the generator was the limit in ${saturated} of ${seconds} s): its work per transaction (the socket system calls of every statement, then its JavaScript: the load path's protocol code, promises, HDR recording) bounds it; ${cpuWords}.`
        : `Gatherscope's generator threads were busy ${(busy * 100).toFixed(0)}% of the time (the busiest; the limit in ${saturated} of ${seconds} s), so they mostly waited for the database: on this ${cores}-core machine the ${CLIENTS} backends, pgbench's or Gatherscope's threads and the database share the cores${load > cores ? ` with other work (load average ${load.toFixed(1)})` : ''}, and what a client spends per transaction is taken from the database; ${cpuWords}.`;
    const table = [
      `workload "${workload.name}" (${workload.queries.length} queries per transaction), ${CLIENTS} clients, ${SECONDS} s per measurement, ${REPEATS} rotating repeats after a 2 s warm-up; pgbench -M prepared|extended|simple -j ${THREADS}; Gatherscope --mode prepared|extended|simple --threads ${THREADS}; a bare node-postgres loop (extended, one thread)`,
      '',
      renderTable(
        [
          'repeat',
          'pgbench prepared tx/s',
          'CPU ms/tx',
          'Gatherscope prepared req/s',
          'CPU ms/req',
          'busiest thread',
          'ratio',
          'pgbench extended tx/s',
          'Gatherscope extended req/s',
          'ratio',
          'pgbench simple tx/s',
          'Gatherscope simple req/s',
          'ratio',
          'bare node-postgres req/s',
        ],
        rows.map((r, i) => [
          String(i + 1),
          r.pgPrepared.tps.toFixed(0),
          ms(r.pgPrepared.cpuMsPerTx),
          r.gsPrepared.rps.toFixed(0),
          ms(r.gsPrepared.cpuMsPerReq),
          `${(r.gsPrepared.busy * 100).toFixed(0)}%`,
          (r.gsPrepared.rps / r.pgPrepared.tps).toFixed(3),
          r.pgExtended.tps.toFixed(0),
          r.gsExtended.rps.toFixed(0),
          (r.gsExtended.rps / r.pgExtended.tps).toFixed(3),
          r.pgSimple.tps.toFixed(0),
          r.gsSimple.rps.toFixed(0),
          (r.gsSimple.rps / r.pgSimple.tps).toFixed(3),
          r.bare.rps.toFixed(0),
        ]),
      ),
      '',
      `prepared: Gatherscope / pgbench -M prepared -j ${THREADS} (median): ${ratio.toFixed(3)} (target ≥ ${TARGET}): ${ratio >= TARGET ? 'met' : 'NOT met'}`,
      `extended: Gatherscope / pgbench -M extended -j ${THREADS} (median): ${ratioExtended.toFixed(3)}`,
      `simple: Gatherscope / pgbench -M simple -j ${THREADS} (median): ${ratioSimple.toFixed(3)}`,
      `load average (1 min) at the end: ${load.toFixed(1)} on ${cores} cores${load > cores ? ': other work competed for the CPU, so these numbers are noisy' : ''}`,
      `what limits it: ${limit}`,
    ].join('\n');
    return {
      table,
      results: {
        workload: workload.name,
        clients: CLIENTS,
        threads: THREADS,
        seconds: SECONDS,
        repeats: rows,
        ratio,
        ratioExtended,
        ratioSimple,
        target: TARGET,
        met: ratio >= TARGET,
        limit,
        generatorBusy: busy,
        generatorSaturatedSeconds: saturated,
        cpuMsPerRequest: gsCpu,
        pgbenchCpuMsPerTx: pgCpu ?? null,
        bareNodePostgresCpuMsPerRequest: bareCpu,
        loadAverage: load,
      },
    };
  },
};
