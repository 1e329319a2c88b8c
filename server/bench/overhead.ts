import type { RunSettings, Workload } from '@gatherscope/shared';
import { renderTable } from '../src/cli/table';
import { runProfile } from '../src/engine/run-profile';
import { bareLoop } from './bare-loop';
import type { BenchContext, BenchSection } from './context';
import { benchWorkload } from './workloads';

const CONNECTIONS = 4;
const ROUNDS = 400;
const WARMUP = 20;
const REPEATS = 3;
/** Target of the issue: the instrumented runner loses at most 5% of the bare loop's throughput. */
const MAX_OVERHEAD = 0.05;

/** Rounds per second between the first and the last measured round: steady state, no set-up or statistics. */
function throughput(ends: number[]): number {
  const first = ends[0];
  const last = ends.at(-1);
  if (first === undefined || last === undefined || last <= first) return 0;
  return ((ends.length - 1) / (last - first)) * 1000;
}

async function instrumented(url: string, workload: Workload, readOnly: boolean): Promise<number[]> {
  const settings: RunSettings = {
    strategies: ['concurrent'],
    trials: ROUNDS,
    warmup: WARMUP,
    poolSize: CONNECTIONS,
    boundedK: CONNECTIONS,
    rttMs: 0,
    jitterMs: 0,
    coldConnections: false,
  };
  const ends: number[] = [];
  const result = await runProfile({
    url,
    workload,
    settings,
    signal: new AbortController().signal,
    limits: { readOnly },
    onEvent: (e) => {
      if (e.type === 'trial' && !e.warmup) ends.push(performance.now());
    },
  });
  if (result.status !== 'completed')
    throw new Error(`instrumented run ${result.status}: ${result.error?.message}`);
  return ends;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * (a) Instrumentation overhead: the same queries, the same number of rounds, the same connection
 * count, through the instrumented runner (concurrent strategy, spans and events) and through a bare
 * pg loop. Variants alternate (A B C A B C …) so drift hits all of them; medians of the repeats.
 */
export const overheadSection: BenchSection = {
  id: 'overhead',
  title: 'Instrumentation overhead: instrumented runner vs a bare pg loop',
  async run(ctx: BenchContext) {
    const workload = benchWorkload('overhead');
    const samples: Record<'bare' | 'instrumented' | 'guarded', number[]> = {
      bare: [],
      instrumented: [],
      guarded: [],
    };
    for (let r = 0; r < REPEATS; r++) {
      ctx.log(`overhead: repeat ${r + 1}/${REPEATS}`);
      samples.bare.push(
        throughput(
          (
            await bareLoop({
              url: ctx.url,
              workload,
              connections: CONNECTIONS,
              rounds: ROUNDS,
              warmup: WARMUP,
            })
          ).roundEnds,
        ),
      );
      samples.instrumented.push(throughput(await instrumented(ctx.url, workload, false)));
      samples.guarded.push(throughput(await instrumented(ctx.url, workload, true)));
    }
    const bare = median(samples.bare);
    const row = (label: string, xs: number[]) => {
      const tput = median(xs);
      const overhead = bare > 0 ? 1 - tput / bare : 0;
      return {
        label,
        roundsPerSecond: tput,
        queriesPerSecond: tput * workload.queries.length,
        ratio: bare > 0 ? tput / bare : 0,
        overhead,
        samples: xs,
      };
    };
    const rows = [
      row('bare pg loop', samples.bare),
      row('instrumented runner (guard off)', samples.instrumented),
      row('instrumented runner + read-only guard', samples.guarded),
    ];
    const instrumentedOverhead = rows[1]!.overhead;
    const table = [
      `workload "${workload.name}" (${workload.queries.length} queries), ${ROUNDS} rounds + ${WARMUP} warm-up, ${CONNECTIONS} connections, median of ${REPEATS} alternating repeats`,
      '',
      renderTable(
        ['variant', 'rounds/s', 'queries/s', 'throughput ratio', 'overhead'],
        rows.map((x) => [
          x.label,
          x.roundsPerSecond.toFixed(0),
          x.queriesPerSecond.toFixed(0),
          x.ratio.toFixed(3),
          `${(x.overhead * 100).toFixed(1)}%`,
        ]),
      ),
      '',
      `instrumentation overhead ${(instrumentedOverhead * 100).toFixed(1)}% (target ≤ ${MAX_OVERHEAD * 100}%): ${instrumentedOverhead <= MAX_OVERHEAD ? 'met' : 'NOT met'}`,
    ].join('\n');
    return {
      table,
      results: {
        workload: workload.name,
        rounds: ROUNDS,
        warmup: WARMUP,
        connections: CONNECTIONS,
        repeats: REPEATS,
        variants: rows,
        instrumentationOverhead: instrumentedOverhead,
        guardOverhead: rows[2]!.overhead,
        target: MAX_OVERHEAD,
        met: instrumentedOverhead <= MAX_OVERHEAD,
      },
    };
  },
};
