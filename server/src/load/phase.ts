import os from 'node:os';
import type { LoadResult, LoadSecond, LoadSettings, StrategyName, Workload } from '@gatherscope/shared';
import type { ActivityMonitor } from '../db/load/activity-monitor';
import { LoadPool } from '../db/load/load-pool';
import { isLoopbackAddress } from '../http/security/allowed-hosts';
import { findLimit } from './limits';
import { runClosed } from './models/closed';
import { runOpen } from './models/open';
import { PhaseRecorder } from './recorder';
import { runRequest } from './request';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a cancelled statement may take to answer before its connection is dropped. */
const STUBBORN_AFTER_MS = 200;

/**
 * Opens every connection of the pool before the phase's clock starts (a warm pool, as the profiler
 * has by default), so the measured seconds hold requests, not TCP and authentication handshakes:
 * otherwise the first second's latency, through a latency proxy several round trips per connection,
 * decides the comparison. A connection that cannot open (max_connections) is left to fail where it
 * is measured, as the sweep needs to see it; Stop ends the wait at once.
 */
export async function openPool(pool: LoadPool, signal: AbortSignal): Promise<void> {
  const opening = Array.from({ length: pool.size }, () => pool.pool.connect());
  const aborted = new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.race([Promise.allSettled(opening), aborted]);
  // Released whenever they open, also after a Stop, so `pool.end()` is not left waiting for them.
  for (const c of opening)
    c.then(
      (client) => client.release(),
      () => {},
    );
}

/**
 * One strategy at one pool size for a duration: a fresh pool opened before measuring, the load model, a sample every second,
 * then the grace period, cancellation on the server of whatever still runs, and the pool's end. It
 * resolves only once no backend of the phase is left in pg_stat_activity (or 2 s have passed).
 */
export async function runPhase(o: PhaseOptions): Promise<LoadResult> {
  const { settings, monitor } = o;
  const pool = new LoadPool({
    url: o.connectUrl,
    size: o.poolSize,
    applicationName: o.applicationName,
    readOnly: o.readOnly,
    statementMode: settings.statementMode,
    ...o.limits,
    // A connection dropped mid-statement (byte cap, past its deadline): its backend is ended by pid.
    onAbandon: (pid) => void monitor.terminate([pid]),
  });
  await openPool(pool, o.signal);
  const recorder = new PhaseRecorder();
  const system = new SystemSampler();
  let stopped = o.signal.aborted;
  // Aborted on Stop and at the end of the grace period alike: wakes requests in a simulated delay.
  const halt = new AbortController();
  if (stopped) halt.abort();
  const stop = () => {
    if (stopped) return;
    stopped = true;
    halt.abort();
    // By pid, never by application_name: a statement can rename its session.
    void monitor.cancel(pool.runningPids());
  };
  // The user's Stop (not the end of the grace period): what it cancels is not an error.
  recorder.userStopped = o.signal.aborted;
  const userStop = () => {
    recorder.userStopped = true;
    stop();
  };
  o.signal.addEventListener('abort', userStop, { once: true });

  let cpuSum = 0;
  let activeSum = 0;
  let samples = 0;
  let lastBusy = 0;
  let lastAt = performance.now();
  let t = 0;
  let ended = false;
  const tick = async () => {
    const sec = recorder.takeSecond();
    const sys = system.sample();
    const now = performance.now();
    const busyIntegral = pool.busyIntegral();
    const poolBusy = (busyIntegral - lastBusy) / Math.max(1, now - lastAt);
    lastBusy = busyIntegral;
    lastAt = now;
    const act = await monitor.sample(pool.pids());
    if (ended) return;
    t++;
    cpuSum += sys.cpuPercent;
    activeSum += act?.active ?? 0;
    samples++;
    o.onSecond?.({
      strategy: o.strategy,
      t,
      ...sec,
      dbConnections: act?.connections ?? 0,
      dbActive: act?.active ?? 0,
      poolBusy: Math.round(poolBusy * 100) / 100,
      ...sys,
    });
  };
  const ticker = setInterval(() => void tick(), 1000);

  const begin = performance.now();
  const deadline = begin + o.durationS * 1000;
  const ctx = {
    deadline,
    maxRequests: settings.maxRequests,
    stopped: () => stopped,
    runOne: () =>
      runRequest(o.workload, o.strategy, pool, {
        boundedK: settings.boundedK,
        stopped: () => stopped,
        signal: halt.signal,
      }),
    recorder,
  };
  const model =
    settings.model.kind === 'closed' ? runClosed(settings.model, ctx) : runOpen(settings.model, ctx);
  let finished = false;
  void model.then(() => {
    finished = true;
  });
  // Wait for the duration, then give in-flight requests the grace period, then cancel them.
  while (!finished && !stopped && performance.now() < deadline + settings.graceMs) await sleep(20);
  if (!finished) stop();
  // A cancelled statement answers within milliseconds; one that catches the cancel, or set its
  // statement_timeout to 0, or sits behind a silent network, loses its connection instead.
  await Promise.race([model, sleep(STUBBORN_AFTER_MS)]);
  if (!finished) void monitor.terminate(pool.abandonRunning());
  await Promise.race([model, sleep(1000)]);
  const elapsedMs = Math.min(performance.now(), deadline + settings.graceMs) - begin;
  clearInterval(ticker);
  ended = true;
  recorder.takeSecond(); // fold the last partial second into the totals
  const busyIntegral = pool.busyIntegral();
  o.signal.removeEventListener('abort', userStop);
  const suspects = pool.suspectPids();
  // After a Stop nothing is measured any more: the goodbye gets no time to be answered.
  await pool.end(o.signal.aborted ? 100 : 500);
  // Whatever of the phase is still on the server is ended by pid; on a database that does not
  // answer (stopped, partitioned) the test ends anyway and a reaper goes on trying in the background.
  const left = await monitor.reap(suspects, o.signal.aborted ? 250 : 2000);
  monitor.reapInBackground(left);

  const lat = recorder.total.summary();
  const requests = recorder.requests;
  const pool_ = {
    utilisation: Math.min(1, busyIntegral / (o.poolSize * Math.max(1, elapsedMs))),
    maxHeldPerRequest: recorder.maxHeld,
    connectionMsPerRequest: requests ? recorder.connectionMs / requests : 0,
    waitMsPerAcquire: recorder.acquires ? recorder.waitMs / recorder.acquires : 0,
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
      dbActive: samples ? activeSum / samples : 0,
      dbCores: o.dbCores,
    }),
  };
}

/** The database's cores when it runs on this machine; unknown for a remote one. */
export function localCores(host: string): number | undefined {
  return isLoopbackAddress(host) ? os.cpus().length : undefined;
}
