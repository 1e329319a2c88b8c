import type { RunDatabaseSchema, RunSettings, RunSummary, Workload } from '@gatherscope/shared';
import type { z } from 'zod';
import type { ProfileRunResult } from '../engine/types';
import type { AssertionResult } from './assertions';

/**
 * The one JSON document of `gatherscope run --json`. `results[].strategy` and `results[].wallMs`
 * (with `median` and `p95`) are the stable part CI scripts read.
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
    theoreticalMs: number;
    efficiency: number;
    failedTrials: number;
  }[];
  theory: RunSummary['theory'] | null;
  verdict: string | null;
  error: ProfileRunResult['error'];
  assertions: AssertionResult[];
}

export function buildReport(args: {
  workload: Workload;
  database: RunReport['database'];
  settings: RunSettings;
  result: ProfileRunResult;
  assertions: AssertionResult[];
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
      theoreticalMs: s.theoreticalMs,
      efficiency: s.efficiency,
      failedTrials: s.failedTrials,
    })),
    theory: result.summary?.theory ?? null,
    verdict: result.summary?.verdict ?? null,
    error: result.error,
    assertions: args.assertions,
  };
}
