import type {
  RunEvent,
  RunSettings,
  RunStatus,
  RunSummary,
  Span,
  StrategyName,
  Trial,
  Workload,
} from '@gatherscope/shared';
import type { ConnectionLimits } from '../db/profiler/instrumented-connection';

/**
 * The contract between the execution core (strategies, runner, statistics) and whatever drives it
 * (the HTTP run manager, the CLI, benchmarks, load tests).
 */
export interface ProfileRunOptions {
  /** Database to profile. Never logged, never stored with the run. */
  url: string;
  workload: Workload;
  settings: RunSettings;
  /** Aborting cancels in-flight queries on the database server (pg_cancel_backend), not only in the client. */
  signal: AbortSignal;
  /** Called as things happen: span, trial, summary, error (never run-started or done: the driver sends those). */
  onEvent: (event: Exclude<RunEvent, { type: 'run-started' | 'done' }>) => void;
  /** Guard limits; defaults are safe for a live database. */
  limits?: Partial<ProfilerLimits>;
  /** Functions of the target that the owner of its saved connection trusts (src/guard/). */
  trustedFunctions?: readonly string[] | undefined;
}

export interface ProfileRunResult {
  status: Exclude<RunStatus, 'running'>;
  trials: Trial[];
  summary: RunSummary | null;
  error: { code: string; message: string; hint?: string } | null;
}

export type RunProfile = (opts: ProfileRunOptions) => Promise<ProfileRunResult>;

/** Guard limits of profiling connections; every field has a safe default (`defaultConnectionLimits`). */
export type ProfilerLimits = ConnectionLimits;

export interface ProfilerOptions {
  url: string;
  workload: Workload;
  /** Pool size, bounded k, RTT and jitter, cold connections; strategies/trials/warmup are not used here. */
  settings: RunSettings;
  limits?: Partial<ProfilerLimits>;
  /** Functions of the target that the owner of its saved connection trusts (src/guard/). */
  trustedFunctions?: readonly string[] | undefined;
}

/** One trial of the workload under one strategy. Span times are ms from the trial's start. */
export interface TrialResult {
  strategy: StrategyName;
  trial: number;
  wallMs: number;
  /** When the trial started, in Unix epoch ms (fractional): span times are offsets from it. */
  startedAt: number;
  spans: Span[];
  failed: boolean;
  /** The signal was aborted during the trial: its spans are partial. */
  cancelled: boolean;
}

/**
 * The reusable execution core (runProfile, load tests, benchmarks): create it once, run trials,
 * close it. Trials may run several at once: they share one pool of max(poolSize, boundedK)
 * connections (warm unless coldConnections), and each trial of a strategy keeps to its own limits
 * (sequential and single-connection hold one connection for the trial; concurrent and
 * dependency-aware at most poolSize at once; bounded at most boundedK; pipelined one connection per trial).
 * Aborting a trial's signal cancels its in-flight statements on the server. `close()` closes the
 * pool and the latency proxy and ends any backend still running, so none is left in
 * pg_stat_activity. createProfiler rejects with an AppError when the database cannot be reached.
 */
export interface Profiler {
  runTrial(
    strategy: StrategyName,
    opts: { trial: number; signal?: AbortSignal; onSpan?: (span: Span) => void },
  ): Promise<TrialResult>;
  /** Backend pids of the profiler's open connections. */
  activeBackendPids(): number[];
  close(): Promise<void>;
}

export type CreateProfiler = (opts: ProfilerOptions) => Promise<Profiler>;
