import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { RunSettingsSchema } from '@gatherscope/shared';
import { startCapture } from '../src/capture/recorder';
import { renderTable } from '../src/cli/table';
import { repoRoot } from '../src/config';
import { runProfile } from '../src/engine/run-profile';
import { predictGathering } from '../src/gathering/predict';
import { rankEndpoints } from '../src/gathering/rank';
import { requestToWorkload } from '../src/gathering/to-workload';
import type { BenchContext, BenchSection } from './context';

const PAGE_VIEWS = 20;
const TRIALS = 15;
const RTTS = [0, 20];

/** The example app (examples/dashboard-app) started against `databaseUrl`; resolves with its base URL. */
async function startExampleApp(databaseUrl: string): Promise<{ url: string; app: ChildProcess }> {
  const app = spawn(process.execPath, [path.join(repoRoot, 'examples/dashboard-app/server.mjs')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    app.once('exit', (code) => reject(new Error(`the example app exited with ${code}`)));
    app.stdout?.on('data', (b: Buffer) => {
      const m = /listening on (http:\/\/\S+)\/dashboard/.exec(b.toString());
      if (m?.[1]) resolve(m[1]);
    });
  });
  return { url, app };
}

/**
 * #14's prediction against measurement: the example app is captured for a few page views, its top
 * endpoint's median request becomes a workload (dependencies from the captured data), and a replay
 * under sequential and dependency-aware at RTT 0 and 20 ms measures what the prediction (from the
 * graph and the captured durations) said gathering would save.
 */
export const gatheringSection: BenchSection = {
  id: 'gathering',
  title: 'What would gathering buy: predicted vs measured saving (example app, top endpoint)',
  async run(ctx: BenchContext) {
    const capture = await startCapture({ targetUrl: ctx.url });
    const proxied = new URL(ctx.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(capture.port);
    const { url, app } = await startExampleApp(proxied.toString());
    try {
      ctx.log(`gathering: ${PAGE_VIEWS} page views of the example app through the capture`);
      for (let i = 0; i < PAGE_VIEWS; i++) await (await fetch(`${url}/dashboard?user=${100 + i}`)).text();
    } finally {
      app.kill('SIGTERM');
    }
    const record = await capture.stop();
    const rows: string[][] = [];
    const results: Record<string, unknown>[] = [];
    for (const rtt of RTTS) {
      const top = rankEndpoints(record, rtt)[0];
      if (!top) throw new Error('the capture has no endpoint');
      const predicted = predictGathering(top.representative, top.graph, rtt);
      const { workload } = await requestToWorkload(top.representative, top.graph);
      ctx.log(`gathering: replay of ${top.group.endpoint} at RTT ${rtt} ms, ${TRIALS} trials`);
      const run = await runProfile({
        url: ctx.url,
        workload,
        settings: RunSettingsSchema.parse({
          strategies: ['sequential', 'dependency-aware'],
          trials: TRIALS,
          warmup: 2,
          rttMs: rtt,
        }),
        signal: new AbortController().signal,
        onEvent: () => {},
      });
      const median = (s: string) =>
        run.summary?.strategies.find((x) => x.strategy === s)?.wallMs.median ?? Number.NaN;
      const measured = median('sequential') - median('dependency-aware');
      const errorMs = Math.abs(predicted.savingMs - measured);
      // Relative to the saving only where there is one worth having (the verdict rule's 1 ms per
      // request); a sub-millisecond saving makes any ratio meaningless. Relative to the request's
      // measured time always: how far off the predicted gathered time is.
      const error = measured >= 1 ? errorMs / measured : null;
      const errorOfRequest = errorMs / median('sequential');
      rows.push([
        `${rtt} ms`,
        top.group.endpoint,
        predicted.sequentialMs.toFixed(2),
        median('sequential').toFixed(2),
        predicted.savingMs.toFixed(2),
        measured.toFixed(2),
        errorMs.toFixed(2),
        error === null ? 'n/a (saving < 1 ms)' : `${(error * 100).toFixed(0)}%`,
        `${(errorOfRequest * 100).toFixed(0)}%`,
      ]);
      results.push({
        rttMs: rtt,
        endpoint: top.group.endpoint,
        predicted,
        measuredSavingMs: measured,
        errorMs,
        error,
        errorOfRequest,
      });
    }
    return {
      table: renderTable(
        [
          'RTT',
          'endpoint',
          'predicted seq ms',
          'measured seq ms',
          'predicted saving',
          'measured saving',
          'error ms',
          'error / saving',
          'error / request',
        ],
        rows,
      ),
      results,
    };
  },
};
