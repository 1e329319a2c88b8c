import { z } from 'zod';

/**
 * The guard's limits that a run may set for itself, within safe maxima. Defaults are those a live
 * database gets when nothing is set (the server's `defaultConnectionLimits` uses these numbers).
 */
export const runLimitDefaults = {
  /** More rows than this fails a query (the server sends at most one row more). */
  maxRows: 10_000,
  /** More bytes of rows than this fails a query; its statement is cancelled on the server. */
  maxBytes: 16 * 1024 * 1024,
  /** PostgreSQL's statement_timeout of every profiling connection. */
  statementTimeoutMs: 30_000,
} as const;

/** The most a run may ask for: rows are counted, never kept, so the caps bound time and network, not memory. */
export const runLimitMaxima = {
  maxRows: 1_000_000,
  maxBytes: 256 * 1024 * 1024,
  statementTimeoutMs: 300_000,
} as const;

export const RunLimitsSchema = z.object({
  maxRows: z
    .number({ message: 'the row cap is a number of rows' })
    .int('the row cap is a whole number of rows')
    .min(1, 'the row cap is at least 1 row')
    .max(
      runLimitMaxima.maxRows,
      `the row cap is at most ${runLimitMaxima.maxRows.toLocaleString('en-US')} rows`,
    )
    .optional(),
  maxBytes: z
    .number({ message: 'the result size cap is a number of bytes' })
    .int('the result size cap is a whole number of bytes')
    .min(1024, 'the result size cap is at least 1 KB')
    .max(
      runLimitMaxima.maxBytes,
      `the result size cap is at most ${runLimitMaxima.maxBytes / 1024 / 1024} MB`,
    )
    .optional(),
  statementTimeoutMs: z
    .number({ message: 'the statement timeout is a number of milliseconds' })
    .int('the statement timeout is a whole number of milliseconds')
    .min(100, 'the statement timeout is at least 100 ms')
    .max(
      runLimitMaxima.statementTimeoutMs,
      `the statement timeout is at most ${runLimitMaxima.statementTimeoutMs / 1000} s`,
    )
    .optional(),
});
export type RunLimits = z.infer<typeof RunLimitsSchema>;

/** The limits a run gets: what it asked for, the defaults for the rest. */
export function effectiveRunLimits(l: RunLimits | undefined): Required<RunLimits> {
  return {
    ...runLimitDefaults,
    ...Object.fromEntries(Object.entries(l ?? {}).filter(([, v]) => v !== undefined)),
  };
}
