import os from 'node:os';
import {
  effectiveRunLimits,
  isCutTrial,
  type RunEvent,
  type RunSettings,
  type StrategyName,
  type Trial,
} from '@gatherscope/shared';
import { databaseError } from '../db/pg-errors';
import { probeDatabase } from '../db/profiler/admin-calls';
import { parseDatabaseUrl } from '../db/target';
import { AppError, isAppError, recordError } from '../errors/app-error';
import { createProfiler } from './profiler';
import { everyTrialFailed } from './query-errors';
import { summarize } from './summarize';
import type { ProfileRunResult, Profiler, RunProfile } from './types';

/** The database stopped answering mid-run: say where, and why, whatever pg reported. */
function lostDatabase(err: unknown, url: string): AppError {
  const target = parseDatabaseUrl(url);
  const e = databaseError(err, target);
  if (e.code !== 'database_error') return e;
  const where = `${target.host}:${target.port}/${target.database}`;
  return new AppError(
    'database_unreachable',
    `Lost PostgreSQL at ${where} during the run: ${e.message.replace(/\.$/, '')}.`,
    {
      status: 503,
      hint: 'Check that the database server is running; the trials measured before are kept.',
      details: { host: target.host, port: target.port, ...e.details },
      cause: err,
    },
  );
}

/**
 * The order of a run's trials: warm-up trials (-warmup … -1), then measured ones (0 … trials-1),
 * each round going through every strategy (A B C A B C …) so drift hits all of them alike.
 */
export function trialSchedule(
  settings: Pick<RunSettings, 'strategies' | 'trials' | 'warmup'>,
): { strategy: StrategyName; trial: number }[] {
  const out: { strategy: StrategyName; trial: number }[] = [];
  for (let trial = -settings.warmup; trial < settings.trials; trial++) {
    for (const strategy of settings.strategies) out.push({ strategy, trial });
  }
  return out;
}

/** The event that closes a trial: the trial without its spans (those went out one by one before it). */
export function trialEvent(t: Trial): Extract<RunEvent, { type: 'trial' }> {
  return {
    type: 'trial',
    strategy: t.strategy,
    trial: t.trial,
    warmup: t.warmup,
    wallMs: t.wallMs,
    ...(t.startedAt !== undefined && { startedAt: t.startedAt }),
    failed: t.failed,
  };
}

/**
 * Runs a comparison: opens a warm pool (and the latency proxy when rttMs > 0), runs the schedule,
 * streams spans and trials through onEvent, then the summary. Stopping (signal) cancels the
 * in-flight statements on the server and ends with status `cancelled` and the trials so far.
 * When the database goes away mid-run it ends `failed` with the trials (and summary) so far.
 * Connections and proxy are always closed before it resolves; it never rejects.
 */
/** How busy the machine is (one-minute load average per core), for the summary's noise notes. */
const loadPerCore = () => os.loadavg()[0]! / os.availableParallelism();

export const runProfile: RunProfile = async (opts) => {
  const { signal, onEvent, settings, workload } = opts;
  const trials: Trial[] = [];
  let profiler: Profiler | null = null;
  const result = (finished: ProfileRunResult['status'], failure: ProfileRunResult['error'] = null) => {
    const measuredRounds = trials.filter((t) => !t.warmup && !isCutTrial(t));
    const summary =
      measuredRounds.length > 0
        ? summarize(trials, workload, settings, finished === 'cancelled', loadPerCore())
        : null;
    // A query that never succeeded makes the run a failure, not "Completed · 9/9 trials".
    const dead = finished === 'completed' && summary ? everyTrialFailed(summary) : null;
    const status = dead ? 'failed' : finished;
    const error = failure ?? dead;
    if (summary) onEvent({ type: 'summary', summary });
    if (error) onEvent({ type: 'error', ...error });
    return { status, trials, summary, error };
  };
  if (signal.aborted) return result('cancelled');
  try {
    profiler = await createProfiler({
      url: opts.url,
      workload,
      settings,
      // The run's own row cap, size cap and statement timeout (within the schema's maxima), then the driver's.
      limits: { ...effectiveRunLimits(settings.limits), ...opts.limits },
      trustedFunctions: opts.trustedFunctions,
    });
    for (const { strategy, trial } of trialSchedule(settings)) {
      if (signal.aborted) break;
      const r = await profiler.runTrial(strategy, {
        trial,
        signal,
        onSpan: (span) => onEvent({ type: 'span', span }),
      });
      // A trial cut short by the stop is kept (failed, with cancelled spans) but never counted.
      const t: Trial = {
        strategy,
        trial,
        warmup: trial < 0,
        wallMs: r.wallMs,
        startedAt: r.startedAt,
        spans: r.spans,
        failed: r.failed || r.cancelled,
      };
      trials.push(t);
      onEvent(trialEvent(t));
      if (r.cancelled) break;
      if (r.spans.length > 0 && r.spans.every((s) => s.error?.kind === 'connection')) {
        // Every query lost its connection: stop if the database is gone rather than fail every trial.
        const lost = await probeDatabase(opts.url);
        if (lost) throw lostDatabase(lost, opts.url);
      }
    }
    return result(signal.aborted ? 'cancelled' : 'completed');
  } catch (err) {
    const error = isAppError(err)
      ? recordError(err)
      : {
          code: 'internal',
          message: `The run failed: ${err instanceof Error ? err.message : String(err)}`,
          hint: 'This is a bug in Gatherscope; the server log has the details.',
        };
    if (signal.aborted) return result('cancelled');
    return result('failed', error);
  } finally {
    await profiler?.close();
  }
};
