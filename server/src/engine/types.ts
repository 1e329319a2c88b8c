import type { RunEvent, RunSettings, RunStatus, RunSummary, Trial, Workload } from '@gatherscope/shared';

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
}

export interface ProfileRunResult {
  status: Exclude<RunStatus, 'running'>;
  trials: Trial[];
  summary: RunSummary | null;
  error: { code: string; message: string; hint?: string } | null;
}

export type RunProfile = (opts: ProfileRunOptions) => Promise<ProfileRunResult>;
