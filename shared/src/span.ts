import { z } from 'zod';
import { StrategyNameSchema } from './strategy';

/**
 * Phases of one query, in order. Times are milliseconds from the trial's start on a monotonic clock.
 * - waiting: asked for a connection, none free yet (pool exhaustion, bounded pools, single connection)
 * - connecting: a new connection had to be opened (cold pools)
 * - executing: statement sent until the first row (or the completion) arrived
 * - reading: first row until the last row arrived
 * - delay: simulated server time (`simulatedDelayMs`): the connection is held busy
 */
export const phaseNames = ['waiting', 'connecting', 'executing', 'reading', 'delay'] as const;
export const PhaseNameSchema = z.enum(phaseNames);
export type PhaseName = z.infer<typeof PhaseNameSchema>;

export const PhaseSchema = z.object({
  phase: PhaseNameSchema,
  start: z.number(),
  end: z.number(),
});
export type Phase = z.infer<typeof PhaseSchema>;

export const SpanErrorSchema = z.object({
  /** query: the database rejected it; timeout: statement_timeout; cancelled: the run was stopped; connection: the connection failed or died. */
  kind: z.enum(['query', 'timeout', 'cancelled', 'connection', 'skipped']),
  message: z.string(),
  sqlstate: z.string().optional(),
});
export type SpanError = z.infer<typeof SpanErrorSchema>;

export const SpanSchema = z.object({
  strategy: StrategyNameSchema,
  /** 0-based; warm-up trials are negative (-warmup … -1) and are not counted in statistics. */
  trial: z.number().int(),
  queryId: z.string(),
  /** When the strategy asked for this query to run (ms from trial start). */
  start: z.number(),
  end: z.number(),
  phases: z.array(PhaseSchema),
  /** Backend process id of the PostgreSQL connection that ran it; null when it never got one. */
  pid: z.number().int().nullable(),
  rows: z.number().int(),
  /** Approximate size of the rows received. */
  bytes: z.number().int(),
  error: SpanErrorSchema.optional(),
});
export type Span = z.infer<typeof SpanSchema>;

export const TrialSchema = z.object({
  strategy: StrategyNameSchema,
  trial: z.number().int(),
  warmup: z.boolean(),
  /** Trial start to the end of its last query. */
  wallMs: z.number(),
  /** When the trial started, in Unix epoch ms (fractional); absent in runs recorded before it was kept. */
  startedAt: z.number().optional(),
  spans: z.array(SpanSchema),
  failed: z.boolean(),
});
export type Trial = z.infer<typeof TrialSchema>;
