import type { RunSettings, Workload } from '@gatherscope/shared';
import { renderTable } from '../src/cli/table';
import { runProfile } from '../src/engine/run-profile';
import { median } from '../src/engine/stats';
import { bareLoop } from './bare-loop';
import type { BenchContext, BenchSection } from './context';
import { RoundClock } from './round-clock';
import { benchWorkload } from './workloads';

const CONNECTIONS = 4;
const ROUNDS = 1000;
const WARMUP = 20;
const REPEATS = 7;
/** Target of the issue: the instrumented runner loses at most 5% of the bare loop's throughput. */
const MAX_OVERHEAD = 0.05;

type Variant = 'bare' | 'instrumented' | 'guarded' | 'parsed';
type Sample = ReturnType<RoundClock['stats']>;

async function instrumented(url: string, workload: Workload, readOnly: boolean): Promise<RoundClock> {
  const settings: RunSettings = {
    strategies: ['concurrent'],
    trials: ROUNDS,
    warmup: WARMUP,
    poolSize: CONNECTIONS,
    boundedK: CONNECTIONS,
    rttMs: 0,
    jitterMs: 0,
    coldConnections: false,
    statementMode: 'extended',
  };
  const clock = new RoundClock();
  const result = await runProfile({
    url,
    workload,
    settings,
    signal: new AbortController().signal,
    limits: { readOnly },
    onEvent: (e) => {
      if (e.type === 'trial' && !e.warmup) clock.mark(e.wallMs);
    },
  });
  if (result.status !== 'completed') {
    throw new Error(`instrumented run ${result.status}: ${result.error?.message}`);
  }
  return clock;
}

/**
 * (a) Instrumentation overhead: the same queries, the same number of rounds, the same connection
 * count, through the instrumented runner (concurrent strategy: spans, events) and through a bare pg
 * loop. Variants alternate (A B C D, D C B A …) so drift hits all alike; each variant is compared
 * with the baseline of the same repeat (paired ratio), and the median of the repeats is reported.
 */
export const overheadSection: BenchSection = {
  id: 'overhead',
  title: 'Instrumentation overhead: instrumented runner vs a bare pg loop',
  async run(ctx: BenchContext) {
    const workload = benchWorkload('overhead');
    const loop = { url: ctx.url, workload, connections: CONNECTIONS, rounds: ROUNDS, warmup: WARMUP };
    const measure: Record<Variant, () => Promise<RoundClock>> = {
      bare: () => bareLoop({ ...loop, rawRows: true }),
      instrumented: () => instrumented(ctx.url, workload, false),
      guarded: () => instrumented(ctx.url, workload, true),
      parsed: () => bareLoop({ ...loop, rawRows: false }),
    };
    const order: Variant[] = ['bare', 'instrumented', 'guarded', 'parsed'];
    const samples: Record<Variant, Sample[]> = { bare: [], instrumented: [], guarded: [], parsed: [] };
    for (let r = 0; r < REPEATS; r++) {
      ctx.log(`overhead: repeat ${r + 1}/${REPEATS}`);
      for (const v of r % 2 === 0 ? order : [...order].reverse())
        samples[v].push((await measure[v]()).stats());
    }
    const paired = (v: Variant, f: (s: Sample) => number) =>
      median(samples[v].map((s, i) => f(s) / (f(samples.bare[i] ?? s) || 1)));
    const row = (variant: Variant, label: string) => {
      const throughputRatio = paired(variant, (s) => s.roundsPerSecond);
      const roundRatio = paired(variant, (s) => s.medianRoundMs);
      const cpuRatio = paired(variant, (s) => s.cpuMsPerRound);
      return {
        variant,
        label,
        roundsPerSecond: median(samples[variant].map((s) => s.roundsPerSecond)),
        medianRoundMs: median(samples[variant].map((s) => s.medianRoundMs)),
        cpuMsPerRound: median(samples[variant].map((s) => s.cpuMsPerRound)),
        roundTimeOverhead: roundRatio - 1,
        throughputRatio,
        throughputOverhead: 1 - throughputRatio,
        cpuOverhead: cpuRatio - 1,
        samples: samples[variant],
      };
    };
    const rows = [
      row('bare', 'bare pg loop, raw rows (baseline)'),
      row('instrumented', 'instrumented runner (guard off)'),
      row('guarded', 'instrumented runner + read-only guard'),
      row('parsed', 'bare pg loop, parsed row objects (pg defaults)'),
    ];
    const main = rows[1]!;
    const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
    const table = [
      `workload "${workload.name}" (${workload.queries.length} queries), ${ROUNDS} rounds + ${WARMUP} warm-up, ${CONNECTIONS} connections, ${REPEATS} alternating repeats (medians; ratios paired with the baseline of the same repeat)`,
      '',
      renderTable(
        [
          'variant',
          'rounds/s',
          'throughput ratio',
          'round ms',
          'vs baseline',
          'client CPU ms/round',
          'CPU vs baseline',
        ],
        rows.map((x) => [
          x.label,
          x.roundsPerSecond.toFixed(0),
          x.throughputRatio.toFixed(3),
          x.medianRoundMs.toFixed(3),
          pct(x.roundTimeOverhead),
          x.cpuMsPerRound.toFixed(3),
          pct(x.cpuOverhead),
        ]),
      ),
      '',
      `instrumentation overhead (throughput lost vs baseline): ${pct(main.throughputOverhead)} (target ≤ ${MAX_OVERHEAD * 100}%): ${main.throughputOverhead <= MAX_OVERHEAD ? 'met' : 'NOT met'}`,
      `inside the measured time (median round wall time) the runner adds ${pct(main.roundTimeOverhead)}; rounds/s also counts what it does between trials (the session reset of the guard, DISCARD ALL, outside the trial clock)`,
      `client CPU per round vs baseline: ${pct(main.cpuOverhead)}; the read-only guard (BEGIN READ ONLY … ROLLBACK per statement) changes throughput by ${pct(rows[2]!.throughputRatio / main.throughputRatio - 1)}`,
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
        instrumentationOverhead: main.throughputOverhead,
        instrumentationCpuOverhead: main.cpuOverhead,
        measuredTimeOverhead: main.roundTimeOverhead,
        target: MAX_OVERHEAD,
        met: main.throughputOverhead <= MAX_OVERHEAD,
      },
    };
  },
};
