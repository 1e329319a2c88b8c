import os from 'node:os';
import type { LoadResult, LoadSecond, LoadSettings, StrategyName, Workload } from '@gatherscope/shared';
import type { ActivityMonitor } from '../db/load/activity-monitor';
import { isLoopbackAddress } from '../http/security/allowed-hosts';
import { generatorSecond } from './generator/saturation';
import { defaultThreads, splitPhase } from './generator/split';
import { GeneratorThreads } from './generator/threads';
import { findLimit } from './limits';
import { PhaseRecorder } from './recorder';
import { SystemSampler } from './system';

export interface PhaseOptions {
  /** Where the virtual users connect: the database, or the latency proxy in front of it. */
  connectUrl: string;
  applicationName: string;
  readOnly: boolean;
  workload: Workload;
  settings: LoadSettings;
  strategy: StrategyName;
  poolSize: number;
  durationS: number;
  monitor: ActivityMonitor;
  /** Cores of the database machine when it is this one (loopback), for the "database-bound" verdict. */
  dbCores: number | undefined;
  signal: AbortSignal;
  /** Each full second of the phase, as it ends. */
  onSecond?: (s: LoadSecond) => void;
  /** Shorter time limits for tests; production uses the pool's defaults. */
  limits?: LoadTimeLimits;
}

/** The client-side time limits of a load test's connections. */
export interface LoadTimeLimits {
  statementTimeoutMs?: number;
  answerGraceMs?: number;
}

/** How long a cancelled statement may take to answer before its connection is dropped. */
const STUBBORN_AFTER_MS = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One strategy at one pool size for a duration, on the generator threads (generator/): each opens
 * its slice of the pool before the clock starts and runs its share of the load model; every second
 * their histograms are merged into the series, with how busy each thread was. Then the grace
 * period, cancellation on the server of whatever still runs, and the pools' end. It resolves only
 * once no backend of the phase is left in pg_stat_activity (or 2 s have passed).
 */
export async function runPhase(o: PhaseOptions): Promise<LoadResult> {
  const { settings, monitor } = o;
  const recorder = new PhaseRecorder();
  const shares = splitPhase(
    settings.model,
    o.poolSize,
    settings.maxRequests,
    settings.threads ?? defaultThreads(),
  );
  const threads = new GeneratorThreads(
    {
      connectUrl: o.connectUrl,
      applicationName: o.applicationName,
      readOnly: o.readOnly,
      workload: o.workload,
      settings,
      strategy: o.strategy,
      ...(o.limits ? { limits: o.limits } : {}),
    },
    shares,
    recorder,
    // By pid, never by application_name: a statement can rename its session.
    (pids) => void monitor.cancel(pids),
    // A connection dropped mid-statement (byte cap, past its deadline, on stop): ended by pid.
    (pids) => void monitor.terminate(pids),
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    // Each thread cancels its running statements by pid (its 'cancel' message).
    threads.stop(recorder.userStopped);
  };
  // The user's Stop (not the end of the grace period): what it cancels is not an error.
  const userStop = () => {
    recorder.userStopped = true;
    stop();
  };
  if (o.signal.aborted) userStop();
  o.signal.addEventListener('abort', userStop, { once: true });

  let ticker: NodeJS.Timeout | undefined;
  try {
    await threads.ready(o.signal);
    const system = new SystemSampler();
    let cpuSum = 0;
    let activeSum = 0;
    let busySum = 0;
    let saturated = 0;
    let samples = 0;
    let lastBusy = threads.busyIntegral();
    let lastAt = performance.now();
    let t = 0;
    let ended = false;
    let ticking = false;
    const tick = async () => {
      // A tick waits for the threads' reports; a slow one is not overtaken by the next.
      if (ticking) return;
      ticking = true;
      try {
        const loads = await threads.sample();
        const sec = recorder.takeSecond();
        const sys = system.sample();
        const now = performance.now();
        const busyIntegral = threads.busyIntegral();
        const poolBusy = (busyIntegral - lastBusy) / Math.max(1, now - lastAt);
        lastBusy = busyIntegral;
        lastAt = now;
        const act = await monitor.sample(threads.pids());
        if (ended) return;
        const gen = generatorSecond(loads);
        t++;
        cpuSum += sys.cpuPercent;
        activeSum += act?.active ?? 0;
        busySum += gen.generatorBusy;
        if (gen.generatorSaturated) saturated++;
        samples++;
        o.onSecond?.({
          strategy: o.strategy,
          t,
          ...sec,
          dbConnections: act?.connections ?? 0,
          dbActive: act?.active ?? 0,
          poolBusy: Math.round(poolBusy * 100) / 100,
          ...sys,
          ...gen,
        });
      } finally {
        ticking = false;
      }
    };

    const begin = performance.now();
    const deadline = begin + o.durationS * 1000;
    threads.go(performance.timeOrigin + deadline);
    ticker = setInterval(() => void tick(), 1000);
    // Wait for the duration, then give in-flight requests the grace period, then cancel them.
    while (!threads.finished && !stopped && performance.now() < deadline + settings.graceMs) await sleep(20);
    if (!threads.finished) stop();
    // A cancelled statement answers within milliseconds; one that catches the cancel, or set its
    // statement_timeout to 0, or sits behind a silent network, loses its connection instead.
    await threads.waitFinished(STUBBORN_AFTER_MS);
    if (!threads.finished) threads.abandonRunning();
    await threads.waitFinished(1000);
    const elapsedMs = Math.min(performance.now(), deadline + settings.graceMs) - begin;
    clearInterval(ticker);
    ended = true;
    // After a Stop nothing is measured any more: the goodbye gets no time to be answered.
    await threads.end(o.signal.aborted ? 100 : 500, 2000);
    recorder.takeSecond(); // fold the last partial second and the threads' last reports into the totals
    const busyIntegral = threads.busyIntegral();
    o.signal.removeEventListener('abort', userStop);
    // Whatever of the phase is still on the server is ended by pid; on a database that does not
    // answer (stopped, partitioned) the test ends anyway and a reaper goes on trying in the background.
    const left = await monitor.reap(threads.suspectPids(), o.signal.aborted ? 250 : 2000);
    monitor.reapInBackground(left);

    const lat = recorder.total.summary();
    const requests = recorder.requests;
    const pool_ = {
      utilisation: Math.min(1, busyIntegral / (o.poolSize * Math.max(1, elapsedMs))),
      maxHeldPerRequest: recorder.maxHeld,
      connectionMsPerRequest: requests ? recorder.connectionMs / requests : 0,
      waitMsPerAcquire: recorder.acquires ? recorder.waitMs / recorder.acquires : 0,
    };
    const generator = {
      threads: threads.count,
      busy: samples ? busySum / samples : 0,
      saturatedSeconds: saturated,
      seconds: samples,
    };
    return {
      strategy: o.strategy,
      poolSize: o.poolSize,
      durationS: elapsedMs / 1000,
      requests,
      throughput: recorder.ok / (Math.max(1, elapsedMs) / 1000),
      latencyMs: { mean: lat.mean, p50: lat.p50, p90: lat.p90, p95: lat.p95, p99: lat.p99, max: lat.max },
      errors: recorder.errorCount,
      errorsBySqlstate: recorder.errors,
      cancelledByStop: recorder.cancelledByStop,
      dropped: recorder.dropped,
      distribution: recorder.total.spectrum(),
      pool: pool_,
      limit: findLimit({
        strategy: o.strategy,
        poolSize: o.poolSize,
        utilisation: pool_.utilisation,
        waitMsPerAcquire: pool_.waitMsPerAcquire,
        meanLatencyMs: lat.mean,
        maxHeldPerRequest: recorder.maxHeld,
        errors: recorder.errors,
        generatorCpuPercent: samples ? cpuSum / samples : 0,
        generator,
        dbActive: samples ? activeSum / samples : 0,
        dbCores: o.dbCores,
      }),
      generator,
    };
  } finally {
    clearInterval(ticker);
    o.signal.removeEventListener('abort', userStop);
    // Whatever went wrong, no thread outlives its phase.
    await threads.end(100, 500);
  }
}

/** The database's cores when it runs on this machine; unknown for a remote one. */
export function localCores(host: string): number | undefined {
  return isLoopbackAddress(host) ? os.cpus().length : undefined;
}
