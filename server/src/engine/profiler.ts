import type { Span, StrategyName } from '@gatherscope/shared';
import { SESSION_RESET_SQL } from '../db/guard/read-only-session';
import { reapInBackground } from '../db/load/activity-monitor';
import { viaLocalProxy } from '../db/local-proxy-url';
import { databaseError } from '../db/pg-errors';
import { stopBackends } from '../db/profiler/admin-calls';
import { defaultConnectionLimits, ProfilerConnection } from '../db/profiler/instrumented-connection';
import { ProfilerPool } from '../db/profiler/instrumented-pool';
import { parseDatabaseUrl } from '../db/target';
import { assertWorkloadAllowed } from '../guard/workload-policy';
import { startLatencyProxy } from '../proxy/latency-proxy';
import { dedicatedLane, type Lane, limitedLane } from './lanes';
import { planWorkload } from './plan';
import {
  assertRolledBackKnown,
  RolledBackTransactions,
  transactionLane,
  withTransaction,
} from './rolled-back';
import { type StrategyContext, strategies } from './strategies';
import { TrialExecutor } from './trial';
import type { CreateProfiler, Profiler, ProfilerOptions, TrialResult } from './types';

/** How long a cancelled statement may take to answer before its backend is ended instead. */
const STUBBORN_AFTER_MS = 300;

/**
 * Creates the connections, pool and latency proxy once; then runs trials of the workload under any
 * strategy, as often as asked, also several at once (load tests). See `Profiler` in types.ts.
 */
export const createProfiler: CreateProfiler = async (opts: ProfilerOptions): Promise<Profiler> => {
  const { url, workload, settings } = opts;
  const inTransaction = new Set(settings.rolledBack ?? []);
  const limits = {
    ...defaultConnectionLimits,
    statementMode: settings.statementMode,
    ...opts.limits,
    // With a rolled-back transaction nothing commits: every statement outside it stays read-only.
    ...(inTransaction.size > 0 && { readOnly: true }),
  };
  assertRolledBackKnown(workload, settings.rolledBack);
  // Every driver checks this before a run starts; here it also covers the ones that forget (matrix
  // presets, confirmations, benchmarks): nothing reaches a profiling connection without the policy.
  await assertWorkloadAllowed(workload, {
    url,
    mode: limits.readOnly ? 'read-only' : 'read-write',
    trustedFunctions: opts.trustedFunctions,
    rolledBack: settings.rolledBack,
  });
  const target = parseDatabaseUrl(url);
  const plan = planWorkload(workload);
  const proxy =
    settings.rttMs > 0
      ? await startLatencyProxy({
          targetHost: target.host,
          targetPort: target.port,
          rttMs: settings.rttMs,
          jitterMs: settings.jitterMs,
        })
      : null;
  const connUrl = proxy ? viaLocalProxy(url, proxy) : url;
  // A connection dropped mid-statement (byte cap, silent past its time limit): its backend may
  // still run, whatever it did to its settings or application_name, so it is ended by pid.
  const endAbandoned = (pid: number) =>
    void stopBackends(url, [pid], { terminate: true, graceMs: 0 }).then((left) =>
      reapInBackground(url, left),
    );
  const pool = new ProfilerPool(
    () => ProfilerConnection.open(connUrl, limits, endAbandoned),
    Math.max(settings.poolSize, settings.boundedK, 1),
    // A holder releases its connection within its statement timeout plus its simulated delay.
    limits.statementTimeoutMs + Math.max(0, ...workload.queries.map((q) => q.simulatedDelayMs ?? 0)) + 10_000,
  );
  // The connections of the trials' rolled-back transactions (a replay's writes), apart from the pool.
  const transactions =
    inTransaction.size > 0
      ? new RolledBackTransactions(() => ProfilerConnection.open(connUrl, limits, endAbandoned))
      : null;
  let closed = false;

  const close = async () => {
    if (closed) return;
    closed = true;
    const busy = pool.busyPids();
    // Only pids open right now: an old pid may already belong to someone else's backend.
    const ours = [...pool.pids(), ...(transactions?.pids() ?? [])];
    if (busy.length > 0) await stopBackends(url, busy);
    await Promise.race([
      Promise.all([pool.close(), transactions?.close()]),
      new Promise((r) => setTimeout(r, 500)),
    ]);
    await proxy?.close();
    // Whatever did not go away by itself (a backend stuck in a statement) is ended on the server.
    // A database that does not answer now gets them ended when it does.
    reapInBackground(url, await stopBackends(url, ours, { terminate: true, graceMs: 100, timeoutMs: 800 }));
  };

  try {
    if (settings.coldConnections) {
      // Checks the database answers; the trials open their own connections.
      await pool.warm(1);
      await pool.discardIdle();
    } else {
      await pool.warm(Math.min(pool.max, workload.queries.length));
    }
  } catch (err) {
    // Through the proxy the client only sees a closed socket; the proxy knows the real cause.
    const cause = proxy?.lastUpstreamError() ?? err;
    await close();
    throw databaseError(cause, target);
  }

  let inFlight = 0;
  // Bounded: a connection that does not answer is closed (eachIdle) instead of holding up the run.
  const resetSession = (c: ProfilerConnection) =>
    Promise.race([
      c.internal(SESSION_RESET_SQL),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('reset timed out')), 5_000).unref(),
      ),
    ]);
  let resetting: Promise<void> | null = null;
  const runTrial = async (
    strategy: StrategyName,
    o: { trial: number; signal?: AbortSignal; onSpan?: (span: Span) => void },
  ): Promise<TrialResult> => {
    const signal = o.signal ?? new AbortController().signal;
    if (settings.coldConnections) await pool.discardIdle();
    // Before the trial's clock starts, and only when no other trial shares the pool: whatever
    // session state a statement left behind (advisory locks, prepared statements) is discarded.
    // Part of the read-only guard: with writes allowed (an explicit opt-in) it is not done, so the
    // instrumentation alone costs no round trip between trials.
    else if (limits.readOnly) {
      // Trials starting together (a load preset's virtual users) wait for one reset rather than
      // each sending DISCARD ALL on the same idle connections, or a statement queued behind it.
      if (resetting) await resetting;
      else if (inFlight === 0) {
        resetting = pool.eachIdle(resetSession).finally(() => {
          resetting = null;
        });
        await resetting;
      }
    }
    // Opened before the trial's clock starts: BEGIN is Gatherscope's, not the request's.
    const tx = transactions ? await transactions.begin() : null;
    inFlight += 1;
    const lanes: Lane[] = [];
    const keep = <L extends Lane>(l: L): L => {
      lanes.push(l);
      return l;
    };
    const exec = new TrialExecutor({ plan, strategy, trial: o.trial, signal, onSpan: o.onSpan });
    // Only this trial's statements: other trials (load tests) share the pool.
    const stopInFlight = () => {
      void stopBackends(url, [...exec.inFlight]);
      // A statement can catch the cancel and go on: whatever still runs a moment later loses its backend.
      setTimeout(() => {
        const left = [...exec.inFlight];
        if (left.length > 0) void stopBackends(url, left, { terminate: true, graceMs: 0 });
      }, STUBBORN_AFTER_MS).unref();
    };
    signal.addEventListener('abort', stopInFlight, { once: true });
    const ctx: StrategyContext = {
      plan,
      settings,
      lanes: { pool: (k) => keep(limitedLane(pool, k)), dedicated: () => keep(dedicatedLane(pool)) },
      execute: (q, lane) => exec.execute(q, lane),
      executePipelined: (qs, lane) => exec.executePipelined(qs, lane),
    };
    try {
      await strategies[strategy].run(
        tx ? withTransaction(ctx, transactionLane(tx.conn), inTransaction) : ctx,
      );
    } finally {
      for (const l of lanes) l.finish();
      signal.removeEventListener('abort', stopInFlight);
      inFlight -= 1;
      // Always rolled back, whatever happened in the trial; outside its measured time.
      await tx?.end();
    }
    const spans = exec.spans;
    return {
      strategy,
      trial: o.trial,
      wallMs: exec.wallMs(),
      startedAt: performance.timeOrigin + exec.t0,
      spans,
      failed: spans.some((s) => s.error !== undefined),
      cancelled: signal.aborted,
    };
  };

  return {
    runTrial,
    activeBackendPids: () => [...pool.pids(), ...(transactions?.pids() ?? [])],
    close,
  };
};
