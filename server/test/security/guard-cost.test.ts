import { RunSettingsSchema } from '@gatherscope/shared';
import { describe, expect, inject, it } from 'vitest';
import { createProfiler } from '../../src/engine/profiler';
import { median } from '../../src/engine/stats';
import type { Profiler } from '../../src/engine/types';
import { getBuiltinWorkload } from '../../src/workloads/builtin';

const RTT_MS = 20;
const TRIALS = 12;

/**
 * What the read-only guard costs under a 20 ms round trip: the same workload with the guard
 * (read-only startup settings, BEGIN READ ONLY … ROLLBACK pipelined with each statement, the
 * session reset between trials) and without it, trials alternating so drift hits both alike.
 * If the guard cost a round trip per statement, the sequential trial would be 4 × 20 ms slower.
 */
describe('cost of the read-only guard under RTT', () => {
  it(`adds well under one round trip per statement (${RTT_MS} ms RTT)`, { timeout: 120_000 }, async () => {
    const workload = getBuiltinWorkload('user-dashboard');
    const settings = RunSettingsSchema.parse({
      strategies: ['sequential'],
      trials: TRIALS,
      warmup: 0,
      poolSize: 4,
      rttMs: RTT_MS,
    });
    const url = inject('demoUrl');
    const guarded = await createProfiler({ url, workload, settings });
    const plain = await createProfiler({ url, workload, settings, limits: { readOnly: false } });
    const wall: Record<'guarded' | 'plain', number[]> = { guarded: [], plain: [] };
    const span: Record<'guarded' | 'plain', number[]> = { guarded: [], plain: [] };
    const runMs: Record<'guarded' | 'plain', number> = { guarded: 0, plain: 0 };
    const one = async (name: 'guarded' | 'plain', p: Profiler, trial: number) => {
      const t0 = performance.now();
      const r = await p.runTrial('sequential', { trial });
      runMs[name] += performance.now() - t0;
      expect(r.failed).toBe(false);
      if (trial < 2) return; // warm-up
      wall[name].push(r.wallMs);
      for (const s of r.spans) span[name].push(s.end - s.start);
    };
    try {
      for (let t = 0; t < TRIALS; t++) {
        await one('guarded', guarded, t);
        await one('plain', plain, t);
      }
    } finally {
      await guarded.close();
      await plain.close();
    }
    const report = {
      rttMs: RTT_MS,
      queries: workload.queries.length,
      medianWallMs: { guarded: median(wall.guarded), plain: median(wall.plain) },
      medianSpanMs: { guarded: median(span.guarded), plain: median(span.plain) },
      runMsPerTrial: { guarded: runMs.guarded / TRIALS, plain: runMs.plain / TRIALS },
    };
    console.log(`guard cost: ${JSON.stringify(report)}`);
    const extraPerStatement =
      (report.medianWallMs.guarded - report.medianWallMs.plain) / workload.queries.length;
    expect(extraPerStatement).toBeLessThan(RTT_MS / 2);
  });
});
