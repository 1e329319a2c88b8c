import { renderTable } from '../src/cli/table';
import { createProfiler } from '../src/engine/profiler';
import { measureModelAccuracy } from '../src/matrix/what-if/accuracy';
import { getBuiltinWorkload } from '../src/workloads/builtin';
import type { BenchContext, BenchSection } from './context';

/** The target for the what-if model. */
const TARGET = 0.15;

/**
 * The decision matrix's what-if model, predicted a priori from the slow dashboard's declared delays
 * and measured through the engine, under sequential, concurrent and bounded k=2 at RTT 0 and 20 ms.
 * (A measurement, so it lives here and not in the test suite, where a busy machine stretched it.)
 */
export const modelAccuracySection: BenchSection = {
  id: 'model-accuracy',
  title: 'What-if model: predicted vs measured medians (slow dashboard, target error < 15%)',
  async run(ctx: BenchContext) {
    ctx.log('model accuracy: 8 trials per strategy at RTT 0 and 20 ms');
    const rows = await measureModelAccuracy({
      url: ctx.url,
      workload: getBuiltinWorkload('slow-dashboard'),
      createProfiler,
      rtts: [0, 20],
      trials: 8,
      boundedK: 2,
      poolSize: 10,
    });
    const worst = Math.max(...rows.map((r) => r.error));
    return {
      table: [
        renderTable(
          ['RTT', 'strategy', 'predicted ms', 'measured ms', 'error'],
          rows.map((r) => [
            `${r.rttMs} ms`,
            r.strategy,
            r.predictedMs.toFixed(1),
            r.measuredMs.toFixed(1),
            `${(r.error * 100).toFixed(1)}%${r.error < TARGET ? '' : ' (over target)'}`,
          ]),
        ),
        `worst error ${(worst * 100).toFixed(1)}% (target < ${TARGET * 100}%)`,
      ].join('\n'),
      results: { rows, worstError: worst, target: TARGET },
    };
  },
};
