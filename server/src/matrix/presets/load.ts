import { setMaxListeners } from 'node:events';
import os from 'node:os';
import {
  formatRate,
  formatSpeedup,
  type RunSettings,
  type StrategyName,
  type Workload,
} from '@gatherscope/shared';
import { planWorkload } from '../../engine/plan';
import { median } from '../../engine/stats';
import type { Profiler } from '../../engine/types';
import { speedupWithCi } from '../verdict/arm-speedup';
import { arm } from './arms';
import { computeShare, createCpuMeter, shareFacts } from './cpu-meter';
import { loadBound } from './load-bound';
import { withProfiler } from './profile';
import type { PresetContext, PresetResult } from './types';

export interface LoadOptions {
  workload: Workload;
  /** Virtual users: each runs the workload in a loop, no think time (a closed model). */
  vus: number;
  /** Per strategy, split in two rounds (A B A B) so drift hits both. */
  seconds: number;
  settings: Partial<RunSettings>;
}

/** Hard cap on requests per round, whatever the speed of the machine. */
const MAX_REQUESTS_PER_ROUND = 20_000;
const GRACE_MS = 5_000;

/** Latencies kept per round for the statistics (uniform reservoir): the bootstrap stays cheap. */
const RESERVOIR = 1_000;

interface Round {
  /** A uniform sample of the round's latencies. */
  latencies: number[];
  completed: number;
  wallMs: number;
  errors: number;
  /** The first failure's message, so a preset that fails says why. */
  firstError: string | null;
}

async function round(
  ctx: PresetContext,
  p: Profiler,
  strategy: StrategyName,
  vus: number,
  ms: number,
  listenersPerTrial: number,
): Promise<Round> {
  const latencies: number[] = [];
  let completed = 0;
  let errors = 0;
  let firstError: string | null = null;
  let trial = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  // Requests still in flight this long after the round's end are cancelled on the server.
  const stop = AbortSignal.any([ctx.signal, AbortSignal.timeout(ms + GRACE_MS)]);
  // Every virtual user's trial listens on it (its statements, its waits for a connection), and
  // removes its listeners when done: the count is bounded by the users, not a leak.
  setMaxListeners(vus * (listenersPerTrial + 1) + 10, stop);
  const vu = async () => {
    while (performance.now() < end && !stop.aborted && trial < MAX_REQUESTS_PER_ROUND) {
      const r = await p.runTrial(strategy, { trial: trial++, signal: stop });
      if (r.failed) {
        errors += 1;
        firstError ??= r.spans.find((sp) => sp.error)?.error?.message ?? null;
      } else {
        completed += 1;
        if (latencies.length < RESERVOIR) latencies.push(r.wallMs);
        else {
          const j = Math.floor(Math.random() * completed);
          if (j < RESERVOIR) latencies[j] = r.wallMs;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: vus }, vu));
  return { latencies, completed, wallMs: performance.now() - t0, errors, firstError };
}

/**
 * Throughput and latency under load: `vus` virtual users share one pool (settings.poolSize), first
 * all sequential, then all concurrent, twice. Latency of a request includes its wait for connections.
 * The verdict rests on the throughput (each round's too) and p95 (verdict-throughput.ts).
 */
export async function compareUnderLoad(ctx: PresetContext, o: LoadOptions): Promise<PresetResult> {
  const half = (o.seconds * 1000) / 2;
  const meter = await createCpuMeter(ctx.databaseUrl);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const rounds = await withProfiler(ctx, o.workload, o.settings, async (p) => {
    const warm = await round(ctx, p, 'sequential', Math.min(o.vus, 4), 300, o.workload.queries.length + 1);
    // Nothing works (e.g. the tables are missing): say why now rather than load for seconds.
    if (warm.completed === 0 && warm.firstError) throw new Error(`every request failed: ${warm.firstError}`);
    const out: Record<'sequential' | 'concurrent', Round[]> = { sequential: [], concurrent: [] };
    for (let i = 0; i < 2; i++) {
      for (const s of ['sequential', 'concurrent'] as const) {
        const run = () => round(ctx, p, s, o.vus, half, o.workload.queries.length + 1);
        // CPU per sequential request over its median latency: the requests overlap under load.
        const r = await (s === 'concurrent'
          ? run()
          : meter.around(run, {
              pids: () => p.activeBackendPids(),
              wallMs: (x) => (x.latencies.length ? median(x.latencies) * x.completed : 0),
              requests: (x) => x.completed,
            }));
        out[s].push(r);
      }
    }
    return out;
  });
  const cpu = process.cpuUsage(cpu0);
  const generatorCpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - wall0)) * 100;
  const share = computeShare(meter.totals(), true);
  if (ctx.signal.aborted) throw new Error('The preset was stopped.');
  const merged = (rs: Round[]) => {
    const completed = rs.reduce((t, r) => t + r.completed, 0);
    return {
      latencies: rs.flatMap((r) => r.latencies),
      completed,
      perSec: (completed / rs.reduce((t, r) => t + r.wallMs, 0)) * 1000,
      rounds: rs.map((r) => (r.completed / r.wallMs) * 1000),
      errors: rs.reduce((t, r) => t + r.errors, 0),
      firstError: rs.find((r) => r.firstError)?.firstError ?? null,
    };
  };
  const seq = merged(rounds.sequential);
  const conc = merged(rounds.concurrent);
  if (seq.latencies.length < 3 || conc.latencies.length < 3) throw new Error('too few requests completed');
  const errors = seq.errors + conc.errors;
  const total = seq.completed + conc.completed;
  if (errors > total * 0.05) {
    throw new Error(
      `${errors} requests failed under load: ${seq.firstError ?? conc.firstError ?? 'unknown error'}`,
    );
  }
  const pool = o.settings.poolSize ?? 10;
  const cores = os.availableParallelism();
  const bound = loadBound({
    vus: o.vus,
    poolSize: pool,
    widestWave: Math.max(1, ...planWorkload(o.workload).waves.map((w) => w.length)),
    generatorCpuPercent,
    loadPerCore: os.loadavg()[0]! / cores,
    cores,
  });
  return {
    ...(bound ? { bound } : {}),
    setup: `${o.workload.name}: ${o.vus} virtual users, ${o.seconds} s per strategy, shared pool of ${pool}, RTT ${o.settings.rttMs ?? 0} ms`,
    baseline: {
      ...arm('sequential', seq.latencies, seq.perSec),
      samples: seq.completed,
      throughputRounds: seq.rounds,
    },
    treatment: {
      ...arm('concurrent', conc.latencies, conc.perSec),
      samples: conc.completed,
      throughputRounds: conc.rounds,
    },
    speedup: speedupWithCi(seq.latencies, conc.latencies),
    computeShare: share.share,
    facts: [
      { label: 'throughput sequential', value: formatRate(seq.perSec) },
      { label: 'throughput concurrent', value: formatRate(conc.perSec) },
      {
        label: 'throughput ratio (concurrent / sequential)',
        value: formatSpeedup(conc.perSec / seq.perSec),
      },
      { label: 'requests measured', value: String(total) },
      ...(errors ? [{ label: 'failed requests', value: String(errors) }] : []),
      ...shareFacts(share),
    ],
  };
}
