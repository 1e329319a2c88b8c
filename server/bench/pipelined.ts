import fs from 'node:fs/promises';
import path from 'node:path';
import { type RunSettings, RunSettingsSchema, type StrategyStats, WorkloadSchema } from '@gatherscope/shared';
import { renderTable } from '../src/cli/table';
import { runProfile } from '../src/engine/run-profile';
import { getBuiltinWorkload } from '../src/workloads/builtin';
import type { BenchContext, BenchSection } from './context';

const TRIALS = 20;
const RTT_MS = 30;
/** Targets of the issue: five trivial queries within 2 round trips of one; the slow dashboard within 5%. */
const MAX_EXTRA_ROUND_TRIPS = 2;
const MAX_SLOW_DEVIATION = 0.05;

/** The workload file the docs' command uses too: `--workload server/bench/five-trivial.json`. */
async function fiveTrivial() {
  const file = path.join(import.meta.dirname, 'five-trivial.json');
  return WorkloadSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
}

async function run(ctx: BenchContext, workloadName: string, settings: RunSettings) {
  const workload = workloadName === 'five-trivial' ? await fiveTrivial() : getBuiltinWorkload(workloadName);
  ctx.log(`pipelined: ${workload.name} at RTT ${settings.rttMs} ms, ${TRIALS} trials of each strategy`);
  const r = await runProfile({
    url: ctx.url,
    workload,
    settings,
    signal: new AbortController().signal,
    onEvent: () => {},
  });
  if (!r.summary) throw new Error(`${workload.name}: run ${r.status}: ${r.error?.message ?? 'no summary'}`);
  const by = (s: string) => r.summary!.strategies.find((x) => x.strategy === s) as StrategyStats;
  return { workload, summary: r.summary, by };
}

/**
 * The pipelined strategy against its promise: under a 30 ms round trip, five trivial queries take
 * about ONE round trip (like concurrent, on one connection instead of five); on the slow dashboard
 * (50, 100, 80, 70 ms of server time) about the sum of the queries, plus one round trip.
 */
export const pipelinedSection: BenchSection = {
  id: 'pipelined',
  title: `Pipelined: round trips saved on one connection (RTT ${RTT_MS} ms)`,
  async run(ctx: BenchContext) {
    const settings = (rttMs: number) =>
      RunSettingsSchema.parse({
        strategies: ['sequential', 'pipelined', 'concurrent'],
        trials: TRIALS,
        warmup: 2,
        rttMs,
      });
    const trivial = await run(ctx, 'five-trivial', settings(RTT_MS));
    const slow = await run(ctx, 'slow-dashboard', settings(RTT_MS));
    const slowLocal = await run(ctx, 'slow-dashboard', settings(0));

    const pipeTrivial = trivial.by('pipelined').wallMs.median;
    const roundTrips = pipeTrivial / RTT_MS;
    const serverSum = slow.workload.queries.reduce((s, q) => s + (q.simulatedDelayMs ?? 0), 0);
    const pipeSlow = slow.by('pipelined');
    const pipeLocal = slowLocal.by('pipelined');
    const checks = {
      trivialRoundTrips: roundTrips,
      trivialMet: roundTrips - 1 <= MAX_EXTRA_ROUND_TRIPS,
      // Its model under RTT: one round trip plus the statements' own times one after another.
      slowVsModel: pipeSlow.wallMs.median / pipeSlow.theoreticalMs,
      slowVsSumPlusOneRtt: pipeSlow.wallMs.median / (serverSum + RTT_MS),
      // Without network: the sum of the queries' server times, and of sequential's query times.
      localVsSum: pipeLocal.wallMs.median / serverSum,
      localVsSequentialSum: pipeLocal.wallMs.median / slowLocal.summary.theory.sumMs,
    };
    const slowMet =
      Math.abs(checks.slowVsSumPlusOneRtt - 1) <= MAX_SLOW_DEVIATION &&
      Math.abs(checks.localVsSum - 1) <= MAX_SLOW_DEVIATION;
    const rows = [
      ...[trivial, slow, slowLocal].flatMap(({ workload, by }, i) =>
        ['sequential', 'pipelined', 'concurrent'].map((s) => {
          const st = by(s);
          return [
            workload.name,
            `${i === 2 ? 0 : RTT_MS} ms`,
            s,
            st.wallMs.median.toFixed(1),
            st.theoreticalMs.toFixed(1),
            st.speedup ? `${st.speedup.estimate.toFixed(2)}x` : '–',
            i === 2 ? '–' : (st.wallMs.median / RTT_MS).toFixed(1),
          ];
        }),
      ),
    ];
    const table = [
      `${TRIALS} trials + 2 warm-up per strategy, pool 10; round trips = median / ${RTT_MS} ms`,
      '',
      renderTable(['workload', 'RTT', 'strategy', 'median ms', 'model ms', 'speedup', 'round trips'], rows),
      '',
      `five trivial queries, pipelined: ${roundTrips.toFixed(2)} round trips (target ≤ ${1 + MAX_EXTRA_ROUND_TRIPS}): ${checks.trivialMet ? 'met' : 'NOT met'}`,
      `slow dashboard at ${RTT_MS} ms, pipelined / (the sum, ${serverSum} ms of server time, + one round trip): ${checks.slowVsSumPlusOneRtt.toFixed(3)}; / its model: ${checks.slowVsModel.toFixed(3)}`,
      `slow dashboard without network, pipelined / the sum (${serverSum} ms): ${checks.localVsSum.toFixed(3)}; / sequential's sum of query times: ${checks.localVsSequentialSum.toFixed(3)}`,
      `slow dashboard, both within ±${MAX_SLOW_DEVIATION * 100}% of the sum: ${slowMet ? 'met' : 'NOT met'}`,
      '',
      trivial.summary.verdict,
    ].join('\n');
    return {
      table,
      results: {
        rttMs: RTT_MS,
        trials: TRIALS,
        checks: { ...checks, slowMet },
        medians: Object.fromEntries(
          [
            ['five-trivial', trivial],
            ['slow-dashboard', slow],
            ['slow-dashboard-rtt0', slowLocal],
          ].map(([k, v]) => [
            k,
            Object.fromEntries(
              (v as typeof trivial).summary.strategies.map((s) => [
                s.strategy,
                { median: s.wallMs.median, model: s.theoreticalMs },
              ]),
            ),
          ]),
        ),
      },
    };
  },
};
