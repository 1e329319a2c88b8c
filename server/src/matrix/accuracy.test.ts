import { describe, expect, inject, it } from 'vitest';
import { createProfiler } from '../engine/profiler';
import { getBuiltinWorkload } from '../workloads/builtin';
import { measureModelAccuracy } from './accuracy';

/** The target for the what-if model, reported in the output (and the README's numbers). */
const TARGET = 0.15;
/**
 * What the test asserts: twice the target. Measured wall times on a shared two-core machine can be
 * stretched by another process; a model that is really wrong (a missing round trip, a wrong
 * schedule) misses by far more than 30% on some of the six medians, so this still fails for it.
 */
const ASSERTED = 0.3;

describe('what-if model against measured runs', () => {
  it('predicts the slow dashboard under sequential, concurrent and bounded k=2, at RTT 0 and 20 ms (target 15%, asserted 30%)', {
    timeout: 60_000,
  }, async () => {
    const rows = await measureModelAccuracy({
      url: inject('demoUrl'),
      workload: getBuiltinWorkload('slow-dashboard'),
      createProfiler,
      rtts: [0, 20],
      trials: 8,
      boundedK: 2,
      poolSize: 10,
    });
    const within = rows.filter((r) => r.error < TARGET).length;
    console.info(
      [
        ...rows.map(
          (r) =>
            `RTT ${r.rttMs} ${r.strategy}: predicted ${r.predictedMs.toFixed(1)} ms, measured ${r.measuredMs.toFixed(1)} ms, error ${(r.error * 100).toFixed(1)}%${r.error < TARGET ? '' : ' (over the 15% target)'}`,
        ),
        `${within} of ${rows.length} within the 15% target; worst ${(Math.max(...rows.map((r) => r.error)) * 100).toFixed(1)}%`,
      ].join('\n'),
    );
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r.error, `RTT ${r.rttMs} ${r.strategy}`).toBeLessThan(ASSERTED);
  });
});
