import os from 'node:os';
import { formatSpeedup } from '@gatherscope/shared';
import { median } from '../../engine/stats';
import { speedupWithCi } from '../verdict/arm-speedup';
import { arm } from './arms';
import { computeShare, createCpuMeter, shareFacts } from './cpu-meter';
import { interleavedTrials, withProfiler } from './profile';
import type { Preset } from './types';
import { cpuWorkload } from './workloads';

const CPU_WIDTHS = [1, 2, 4, 8] as const;
const TRIALS = 3;

/**
 * The largest width w whose speedup is still at least 75% of w: beyond the database's cores, more
 * queries at once stop helping, so the speedup flattens at about the number of cores.
 */
export function coresFromPlateau(speedups: readonly { width: number; speedup: number }[]): number {
  let cores = 1;
  for (const { width, speedup } of speedups) if (speedup >= 0.75 * width) cores = width;
  // Biased down: on a shared machine many backends at once win CPU share from other processes,
  // which lifts the speedup a little above the core count.
  const top = Math.max(...speedups.map((s) => s.speedup));
  return Math.max(cores, Math.floor(top + 0.25));
}

/**
 * Data processing: 1, 2, 4 and 8 CPU-heavy queries, one after another vs all at once. Each query
 * only computes, so concurrency can help only while there are idle database cores.
 */
export const cpuPreset: Preset = async (ctx) => {
  const meter = await createCpuMeter(ctx.databaseUrl);
  const steps: { width: number; seq: number[]; conc: number[] }[] = [];
  for (const width of CPU_WIDTHS) {
    const trials = await withProfiler(ctx, cpuWorkload(width), { poolSize: width }, (p) =>
      interleavedTrials(ctx, p, ['sequential', 'concurrent'], TRIALS, 1, meter),
    );
    steps.push({
      width,
      seq: trials.get('sequential')!.map((t) => t.wallMs),
      conc: trials.get('concurrent')!.map((t) => t.wallMs),
    });
  }
  const share = computeShare(meter.totals(), true);
  const speedups = steps.map((s) => ({ width: s.width, speedup: median(s.seq) / median(s.conc) }));
  const widest = steps.at(-1)!;
  const perQuery = median(steps[0]!.seq);
  const cores = coresFromPlateau(speedups);
  const local = share.dbMsPerRequest !== null;
  return {
    setup: `${CPU_WIDTHS.join(', ')} CPU-heavy queries (~${Math.round(perQuery)} ms each), sequential vs all at once, ${TRIALS} trials + 1 warm-up each`,
    baseline: arm('sequential', widest.seq),
    treatment: arm(`${widest.width} at once`, widest.conc),
    speedup: speedupWithCi(widest.seq, widest.conc),
    computeShare: share.share,
    facts: [
      ...speedups.map((s) => ({
        label: `speedup with ${s.width} at once`,
        value: formatSpeedup(s.speedup),
      })),
      {
        label: 'database cores (from the speedup plateau)',
        // No plateau up to the widest step: the database has at least that many cores free.
        value: `${cores >= widest.width ? '≥' : '≈'} ${cores}`,
      },
      ...(local
        ? [{ label: 'CPUs of this machine (the database is local)', value: String(os.cpus().length) }]
        : []),
      ...shareFacts(share),
    ],
  };
};
