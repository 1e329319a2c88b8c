import {
  LoadSettingsSchema,
  type StatementMode,
  statementModeInfo,
  statementModes,
} from '@gatherscope/shared';
import { renderTable } from '../src/cli/table';
import { openLatencyProxy } from '../src/load/proxy';
import { runLoadTest } from '../src/load/runner';
import type { BenchContext, BenchSection } from './context';
import { benchWorkload } from './workloads';

const CLIENTS = 8;
const SECONDS = 5;
const REPEATS = 2;

/** One load phase of the user dashboard in `mode`: sequential, closed model, no think time. */
async function throughput(ctx: BenchContext, mode: StatementMode, i: number) {
  const c0 = process.cpuUsage();
  const out = await runLoadTest({
    testId: `modes${i}${Date.now().toString(36)}`,
    url: ctx.url,
    workload: benchWorkload('overhead'),
    settings: LoadSettingsSchema.parse({
      strategies: ['sequential'],
      model: { kind: 'closed', vus: CLIENTS },
      durationS: SECONDS,
      poolSize: CLIENTS,
      statementMode: mode,
    }),
    signal: new AbortController().signal,
    onEvent: () => {},
    openProxy: openLatencyProxy,
  });
  const r = out.results[0];
  if (!r || r.errors > 0) throw new Error(`${mode}: ${r?.errors ?? 'no'} errors`);
  const c = process.cpuUsage(c0);
  return { rps: r.throughput, cpuMsPerReq: (c.user + c.system) / 1000 / Math.max(1, r.requests) };
}

/**
 * What the statement mode changes where the database is busy parsing and planning: the user
 * dashboard's four short queries, 8 virtual users without think time on a pool of 8, each mode
 * in turn, repeated (modes alternate so drift hits them all).
 */
export const statementModesSection: BenchSection = {
  id: 'statement-modes',
  title: `Statement modes: load throughput, ${CLIENTS} clients, user dashboard`,
  async run(ctx: BenchContext) {
    const samples = new Map<StatementMode, { rps: number; cpuMsPerReq: number }[]>();
    for (let i = 0; i < REPEATS; i++) {
      for (const mode of statementModes) {
        ctx.log(`statement modes: ${mode}, repeat ${i + 1}/${REPEATS}`);
        const s = await throughput(ctx, mode, i);
        samples.set(mode, [...(samples.get(mode) ?? []), s]);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const rows = statementModes.map((mode) => {
      const s = samples.get(mode) ?? [];
      return {
        mode,
        rps: mean(s.map((x) => x.rps)),
        cpuMsPerReq: mean(s.map((x) => x.cpuMsPerReq)),
        runs: s.map((x) => Math.round(x.rps)),
      };
    });
    const extended = rows.find((r) => r.mode === 'extended')?.rps ?? 1;
    const table = [
      `sequential strategy, closed model, ${CLIENTS} virtual users, pool ${CLIENTS}, ${SECONDS} s per mode, ${REPEATS} repeats alternating`,
      '',
      renderTable(
        ['mode', 'drivers', 'req/s (mean)', 'vs extended', 'client CPU ms/req', 'repeats req/s'],
        rows.map((r) => [
          r.mode,
          statementModeInfo[r.mode].drivers,
          r.rps.toFixed(0),
          `${(r.rps / extended).toFixed(2)}x`,
          r.cpuMsPerReq.toFixed(3),
          r.runs.join(', '),
        ]),
      ),
    ].join('\n');
    return { table, results: { clients: CLIENTS, seconds: SECONDS, repeats: REPEATS, modes: rows } };
  },
};
