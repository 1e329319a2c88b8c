import { compareTaskTrials, interleave } from './arms';
import { computeShare, createCpuMeter, shareFacts } from './cpu-meter';
import { httpCall, runTasks, type Task } from './task-runner';
import type { Preset } from './types';

const SERVICES = ['users', 'inventory', 'pricing'] as const;
export const GATEWAY_TRIALS = 10;

/**
 * API aggregation: a gateway request needs three downstream services. Sequential awaits each call in
 * turn; concurrent starts all three at once. Real HTTP over loopback to Gatherscope's mock services.
 */
export const gatewayPreset: Preset = async (ctx) => {
  const mock = await ctx.mock();
  const waits = SERVICES.map((s) => ctx.latencyMs ?? mock.latencyMs(s));
  const tasks = (trial: number): Task<undefined>[] =>
    SERVICES.map((service) => ({
      id: service,
      run: (_ctx, signal) =>
        httpCall(mock.url(service, { id: 100 + trial, latencyMs: waits[SERVICES.indexOf(service)] }), signal),
    }));
  const withWorker = (fn: (ctx: undefined) => Promise<void>) => fn(undefined);
  const meter = await createCpuMeter(null);
  const [seq, conc] = await interleave(
    [
      (trial) => {
        const run = () =>
          runTasks(tasks(trial), { strategy: 'sequential', trial, limit: 1, signal: ctx.signal, withWorker });
        return trial < 0 ? run() : meter.around(run, { pids: () => [], wallMs: (r) => r.wallMs });
      },
      (trial) =>
        runTasks(tasks(trial), {
          strategy: 'concurrent',
          trial,
          limit: SERVICES.length,
          signal: ctx.signal,
          withWorker,
        }),
    ],
    GATEWAY_TRIALS,
    1,
    ctx.signal,
  );
  const share = computeShare(meter.totals(), false);
  const cmp = compareTaskTrials(['sequential', 'concurrent'], seq!, conc!);
  const latencies = SERVICES.map((s, i) => `${s} ${waits[i]} ms`).join(', ');
  return {
    ...cmp,
    setup: `3 mock HTTP services on loopback (${latencies}), ${GATEWAY_TRIALS} trials + 1 warm-up per strategy, interleaved`,
    computeShare: share.share,
    facts: [
      { label: 'mock latency per call', value: latencies },
      { label: 'model: sum of the calls (sequential)', value: `${waits.reduce((a, b) => a + b, 0)} ms` },
      { label: 'model: longest call (concurrent)', value: `${Math.max(...waits)} ms` },
      // The mock services run in this process: their CPU is in "this process", an overestimate.
      ...shareFacts(share),
    ],
  };
};
