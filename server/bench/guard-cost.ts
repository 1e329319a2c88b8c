import { RunSettingsSchema } from '@gatherscope/shared';
import { renderTable } from '../src/cli/table';
import { createProfiler } from '../src/engine/profiler';
import { median } from '../src/engine/stats';
import type { Profiler } from '../src/engine/types';
import { getBuiltinWorkload } from '../src/workloads/builtin';
import type { BenchContext, BenchSection } from './context';

const RTT_MS = 20;
const TRIALS = 12;
const WARMUP = 2;
type Side = 'guarded' | 'plain';

/**
 * What the read-only guard costs under a 20 ms round trip: the same workload with the guard
 * (read-only startup settings, BEGIN READ ONLY … ROLLBACK pipelined with each statement, the
 * session reset between trials) and without it, trials alternating so drift hits both alike.
 * Had the guard cost a round trip per statement, a sequential trial would be 4 × 20 ms slower.
 */
export const guardCostSection: BenchSection = {
  id: 'guard-cost',
  title: `Cost of the read-only guard (user dashboard, sequential, RTT ${RTT_MS} ms)`,
  async run(ctx: BenchContext) {
    const workload = getBuiltinWorkload('user-dashboard');
    const settings = RunSettingsSchema.parse({
      strategies: ['sequential'],
      trials: TRIALS,
      warmup: 0,
      poolSize: 4,
      rttMs: RTT_MS,
    });
    ctx.log(`guard cost: ${TRIALS} alternating trials guarded and plain`);
    const profilers: Record<Side, Profiler> = {
      guarded: await createProfiler({ url: ctx.url, workload, settings }),
      plain: await createProfiler({ url: ctx.url, workload, settings, limits: { readOnly: false } }),
    };
    const wall: Record<Side, number[]> = { guarded: [], plain: [] };
    const span: Record<Side, number[]> = { guarded: [], plain: [] };
    const runMs: Record<Side, number> = { guarded: 0, plain: 0 };
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        for (const side of ['guarded', 'plain'] as const) {
          const t0 = performance.now();
          const r = await profilers[side].runTrial('sequential', { trial });
          runMs[side] += performance.now() - t0;
          if (r.failed) throw new Error(`a ${side} trial failed`);
          if (trial < WARMUP) continue;
          wall[side].push(r.wallMs);
          for (const s of r.spans) span[side].push(s.end - s.start);
        }
      }
    } finally {
      await profilers.guarded.close();
      await profilers.plain.close();
    }
    const row = (label: string, g: number, p: number) => [
      label,
      g.toFixed(2),
      p.toFixed(2),
      (g - p).toFixed(2),
    ];
    const results = {
      rttMs: RTT_MS,
      queries: workload.queries.length,
      medianWallMs: { guarded: median(wall.guarded), plain: median(wall.plain) },
      medianSpanMs: { guarded: median(span.guarded), plain: median(span.plain) },
      runMsPerTrial: { guarded: runMs.guarded / TRIALS, plain: runMs.plain / TRIALS },
    };
    return {
      table: renderTable(
        ['ms', 'guarded', 'plain', 'difference'],
        [
          row('median trial', results.medianWallMs.guarded, results.medianWallMs.plain),
          row('median span', results.medianSpanMs.guarded, results.medianSpanMs.plain),
          row('run time per trial (with reset)', results.runMsPerTrial.guarded, results.runMsPerTrial.plain),
        ],
      ),
      results,
    };
  },
};
