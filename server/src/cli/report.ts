import type { RunDatabaseSchema, RunSettings, RunSummary, Workload } from '@gatherscope/shared';
import type { z } from 'zod';
import type { ProfileRunResult } from '../engine/types';
import type { AssertionResult } from './assertions';

/**
 * The one JSON document of `gatherscope run --json`. `results[].strategy` and `results[].wallMs`
 * (with `median` and `p95`) are the stable part CI scripts read; `results[].errors` is empty unless
 * a query failed.
 */
export interface RunReport {
  tool: 'gatherscope';
  workload: string;
  database: Pick<z.infer<typeof RunDatabaseSchema>, 'label' | 'embedded'>;
  settings: RunSettings;
  status: ProfileRunResult['status'];
  results: {
    strategy: string;
    wallMs: { n: number; median: number; p95: number; p99: number; mean: number; min: number; max: number };
    speedup: number | null;
    speedupCi95: [number, number] | null;
    /** The model's speedup over sequential from the run-wide query costs (what the verdict quotes); null in older runs. */
    theoreticalSpeedup: number | null;
    /** The model from this strategy's own per-query medians; efficiency = theoreticalMs / median. */
    theoreticalMs: number;
    efficiency: number;
    failedTrials: number;
    /** Median cost of each query on its own (waiting excluded); null when it never succeeded. */
    perQuery: { id: string; medianMs: number | null; errors: number }[];
    /** The distinct errors of the queries; `code` is the SQLSTATE when the database gave one. */
    errors: { query: string; code: string | null; kind: string; message: string; count: number }[];
  }[];
  theory: RunSummary['theory'] | null;
  verdict: string | null;
  /** The verdict's class by the shared rule (faster, no-practical-difference, …); null when nothing was compared. */
  verdictClass: RunSummary['verdictClass'] | null;
  /** How steady the estimate is (interval width, tail, drift, load); null without a summary. */
  stability: RunSummary['stability'] | null;
  /** The run's page in Gatherscope when it was saved to History; null with --no-save. */
  permalink: string | null;
  error: ProfileRunResult['error'];
  assertions: AssertionResult[];
}

export function buildReport(args: {
  workload: Workload;
  database: RunReport['database'];
  settings: RunSettings;
  result: ProfileRunResult;
  assertions: AssertionResult[];
  permalink?: string | null;
}): RunReport {
  const { result } = args;
  return {
    tool: 'gatherscope',
    workload: args.workload.name,
    database: args.database,
    settings: args.settings,
    status: result.status,
    results: (result.summary?.strategies ?? []).map((s) => ({
      strategy: s.strategy,
      wallMs: s.wallMs,
      speedup: s.speedup?.estimate ?? null,
      speedupCi95: s.speedup ? [s.speedup.low, s.speedup.high] : null,
      theoreticalSpeedup: s.theoreticalSpeedup ?? null,
      theoreticalMs: s.theoreticalMs,
      efficiency: s.efficiency,
      failedTrials: s.failedTrials,
      perQuery: s.perQuery.map((q) => ({
        id: q.queryId,
        medianMs: q.samples === 0 ? null : q.medianMs,
        errors: q.errors,
      })),
      errors: (s.errors ?? []).map((e) => ({
        query: e.queryId,
        code: e.sqlstate ?? null,
        kind: e.kind,
        message: e.message,
        count: e.count,
      })),
    })),
    theory: result.summary?.theory ?? null,
    verdict: result.summary?.verdict ?? null,
    verdictClass: result.summary?.verdictClass ?? null,
    stability: result.summary?.stability ?? null,
    permalink: args.permalink ?? null,
    error: result.error,
    assertions: args.assertions,
  };
}
