import { z } from 'zod';
import { RunLimitsSchema } from './run-limits';
import { SpanErrorSchema, TrialSchema } from './span';
import { StatementModeSchema } from './statement-mode';
import { StrategyListSchema, StrategyNameSchema } from './strategy';
import { StoredWorkloadSchema, WorkloadSchema } from './workload';

/** Which database a run goes to: the embedded demo (or DATABASE_URL), or a saved connection. */
export const DatabaseTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('default') }),
  z.object({ kind: z.literal('connection'), id: z.string().min(1) }),
]);
export type DatabaseTarget = z.infer<typeof DatabaseTargetSchema>;

export const RunSettingsSchema = z.object({
  strategies: StrategyListSchema,
  trials: z.number().int().min(1).max(500).default(20),
  warmup: z.number().int().min(0).max(50).default(2),
  /** Connections in the pool of the concurrent and dependency-aware strategies. */
  poolSize: z.number().int().min(1).max(100).default(10),
  /** k of the bounded strategy: at most k queries in flight. */
  boundedK: z.number().int().min(1).max(100).default(2),
  /** Simulated network round-trip time between the app and the database (latency proxy). */
  rttMs: z.number().min(0).max(500).default(0),
  /** Uniform jitter added to each one-way delay, 0 to this many ms. */
  jitterMs: z.number().min(0).max(200).default(0),
  /** Open a new connection for every trial instead of reusing a warm pool. */
  coldConnections: z.boolean().default(false),
  /** How statements travel (the user's driver): extended (node-postgres), prepared, or simple. */
  statementMode: StatementModeSchema.default('extended'),
  /** Row cap, result size cap and statement timeout of this run, within safe maxima; absent: the defaults. */
  limits: RunLimitsSchema.optional(),
  /**
   * Queries (ids) that run, each trial, inside ONE transaction on one connection, in dependency
   * order, and that transaction is always rolled back (never committed): a captured request's
   * writes and the statements that must see them. Only on the embedded demo database or a saved
   * connection with writes allowed; every other query stays read-only. Absent: no such transaction.
   */
  rolledBack: z.array(z.string().min(1).max(100)).min(1).max(500).optional(),
});
export type RunSettings = z.infer<typeof RunSettingsSchema>;

export const RunRequestSchema = RunSettingsSchema.extend({
  /** A built-in workload by name, or a full workload. */
  workload: z.union([z.string().min(1), WorkloadSchema]),
  target: DatabaseTargetSchema.default({ kind: 'default' }),
  /** A detached run keeps going when its viewer leaves (the CLI); otherwise it is cancelled. */
  detached: z.boolean().default(false),
});
export type RunRequest = z.input<typeof RunRequestSchema>;
export type ParsedRunRequest = z.output<typeof RunRequestSchema>;

export const DistributionSchema = z.object({
  n: z.number().int(),
  mean: z.number(),
  median: z.number(),
  p95: z.number(),
  p99: z.number(),
  min: z.number(),
  max: z.number(),
});
export type Distribution = z.infer<typeof DistributionSchema>;

export const IntervalSchema = z.object({ estimate: z.number(), low: z.number(), high: z.number() });
export type Interval = z.infer<typeof IntervalSchema>;

export const QueryStatsSchema = z.object({
  queryId: z.string(),
  /** Median duration of the whole span (waiting excluded): what the query costs on its own. */
  medianMs: z.number(),
  medianExecutingMs: z.number(),
  medianWaitingMs: z.number(),
  errors: z.number().int(),
  /** Successful spans the medians come from: 0 means the query never succeeded (medians are 0). Absent in runs recorded before it was kept. */
  samples: z.number().int().optional(),
});

/** One distinct error of one query over a strategy's measured trials, as the database worded it. */
export const QueryErrorSchema = z.object({
  queryId: z.string(),
  kind: SpanErrorSchema.shape.kind,
  sqlstate: z.string().optional(),
  message: z.string(),
  /** Spans that ended with this error. */
  count: z.number().int(),
});
export type QueryError = z.infer<typeof QueryErrorSchema>;

export const StrategyStatsSchema = z.object({
  strategy: StrategyNameSchema,
  /** Wall times of the successful measured trials only: n is 0 when every trial failed. */
  wallMs: DistributionSchema,
  /** Speedup over sequential (sequential median / this median) with a 95% bootstrap interval; null without successful trials of both. */
  speedup: IntervalSchema.nullable(),
  /** What this strategy would take if it achieved its model exactly, from the per-query medians. */
  theoreticalMs: z.number(),
  /** theoretical / achieved median: 1 means the strategy achieved its model. */
  efficiency: z.number(),
  /**
   * The model's speedup over sequential from the run-wide query costs (`theory`): the number the
   * verdict quotes as "theory". Absent in runs recorded before it was kept.
   */
  theoreticalSpeedup: z.number().optional(),
  perQuery: z.array(QueryStatsSchema),
  failedTrials: z.number().int(),
  /** The distinct query errors of the measured trials (a stop's cancellations left out); absent in runs recorded before it was kept. */
  errors: z.array(QueryErrorSchema).optional(),
});
export type StrategyStats = z.infer<typeof StrategyStatsSchema>;

export const TheorySchema = z.object({
  /** Sum of per-query medians: the sequential model. */
  sumMs: z.number(),
  /** Longest query: the fully concurrent model without dependencies. */
  maxMs: z.number(),
  /** Longest dependency chain: the dependency-aware model. */
  criticalPathMs: z.number(),
  /**
   * List scheduling on k = boundedK slots honouring dependencies: each query, in dependency order,
   * starts once its dependencies are done and one of the k connections is free. Without
   * dependencies this is the bounded strategy's model; with them the bounded strategy runs waves
   * (its own `theoreticalMs`), so the difference is what waiting for whole waves costs.
   */
  boundedMs: z.number(),
  boundedK: z.number().int(),
});
export type Theory = z.infer<typeof TheorySchema>;

/** How far the run's estimate can be trusted, and why not when it is noisy (engine/stability.ts). */
export const StabilitySchema = z.object({
  /** Width of the headline speedup's 95% interval relative to its estimate; null without one. */
  ciRelativeWidth: z.number().nullable(),
  /** The largest p95 / median over the strategies: a long tail of slow trials. */
  tailRatio: z.number(),
  /** The largest change of a strategy's median between the first and the second half of its trials, as a fraction. */
  drift: z.number(),
  /** One-minute load average per core when the run ended; null when not measured (no os, imported). */
  loadPerCore: z.number().nullable(),
  noisy: z.boolean(),
  /** What made it noisy, then what to do about it; empty when it is not. */
  notes: z.array(z.string()),
});
export type Stability = z.infer<typeof StabilitySchema>;

export const VerdictClassSchema = z.enum([
  'faster',
  'slower',
  'no-practical-difference',
  'not-significant',
  'unexplained',
  'too-noisy',
]);

export const RunSummarySchema = z.object({
  strategies: z.array(StrategyStatsSchema),
  theory: TheorySchema,
  /** One plain-language sentence, e.g. "Concurrent is 2.9x faster here (theory 3.0x): …". */
  verdict: z.string(),
  /** The class of the verdict by the shared rule (verdict-rule.ts); absent when nothing was compared or in older runs. */
  verdictClass: VerdictClassSchema.optional(),
  /** Absent in runs recorded before it was measured. */
  stability: StabilitySchema.optional(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunStatusSchema = z.enum(['running', 'completed', 'cancelled', 'failed']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** What a run says about its database: never a connection string. */
export const RunDatabaseSchema = z.object({
  name: z.string(),
  label: z.string(),
  serverVersion: z.string(),
  embedded: z.boolean(),
});

/** Why a run or a load test failed, as its record and its `error` event carry it. */
export const RecordErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});
export type RecordError = z.infer<typeof RecordErrorSchema>;

export const ImportedFromSchema = z.object({
  /** When this install imported it. */
  at: z.string(),
  /** Its id on the install it was exported from. */
  originalId: z.string(),
});
export type ImportedFrom = z.infer<typeof ImportedFromSchema>;

export const RunRecordSchema = z.object({
  id: z.string(),
  kind: z.literal('profile'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  status: RunStatusSchema,
  settings: RunSettingsSchema,
  workload: StoredWorkloadSchema,
  target: DatabaseTargetSchema,
  database: RunDatabaseSchema,
  trials: z.array(TrialSchema),
  summary: RunSummarySchema.nullable(),
  error: RecordErrorSchema.nullable(),
  /**
   * Set on a run imported from a JSON export: its database and target are those of the install
   * that measured it, so a re-run here runs on this install's database instead.
   */
  imported: ImportedFromSchema.optional(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

export const CreatedRunSchema = z.object({ id: z.string(), eventsUrl: z.string(), url: z.string() });
