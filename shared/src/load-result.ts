import { z } from 'zod';
import { LoadSettingsSchema } from './load';
import {
  DatabaseTargetSchema,
  ImportedFromSchema,
  RecordErrorSchema,
  RunDatabaseSchema,
  RunStatusSchema,
} from './run';
import { StrategyNameSchema } from './strategy';
import { WorkloadSchema } from './workload';

// What a load test measured and how it is stored, listed and streamed (the request side, its
// settings and limits, is load.ts).

/**
 * Errors grouped by SQLSTATE, or by a client-side reason (`pool-timeout`, `connection`, `cancelled`,
 * the result caps `too-many-rows`, `result-too-large`, and a session the guard cut off because a
 * statement changed it: `session-read-write`, `session-open-transaction`, `session-role`).
 */
export const ErrorCountsSchema = z.record(z.string(), z.number().int());
export type ErrorCounts = z.infer<typeof ErrorCountsSchema>;

/** One second of one strategy's phase, from per-second HDR histograms. */
export const LoadSecondSchema = z.object({
  strategy: StrategyNameSchema,
  /** Seconds since the phase started (1 = the first full second). */
  t: z.number().int(),
  requests: z.number().int(),
  errors: ErrorCountsSchema,
  dropped: z.number().int(),
  /** Latency of the requests completed in this second (ms; 0 when none completed). */
  p50: z.number(),
  p95: z.number(),
  p99: z.number(),
  /** Open model: 95th percentile of the time between a request's schedule and its real start. */
  lagP95: z.number(),
  /** Backends of this test on the database server, and how many of them were running a query. */
  dbConnections: z.number().int(),
  dbActive: z.number().int(),
  /** Mean connections of the pool in use during the second. */
  poolBusy: z.number(),
  /** Gatherscope server process: CPU in % of one core, resident memory in MB. */
  cpuPercent: z.number(),
  rssMb: z.number(),
  /** The busiest generator thread's event-loop utilisation in this second (0–1). */
  generatorBusy: z.number().default(0),
  /** The worst generator thread's event-loop delay, 99th percentile (ms). */
  generatorLoopDelayMs: z.number().default(0),
  /**
   * The load generator, not the database, limited this second: a thread was busy nearly all the
   * time or its event loop fell behind, so requests started late and their latency includes that.
   */
  generatorSaturated: z.boolean().default(false),
});
export type LoadSecond = z.infer<typeof LoadSecondSchema>;

export const LatencySummarySchema = z.object({
  mean: z.number(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
});

/** What bounded a strategy's throughput, when the measurements say so. */
export const LimitSchema = z.object({
  by: z.enum(['pool', 'database', 'generator', 'max_connections']),
  message: z.string(),
});
export type Limit = z.infer<typeof LimitSchema>;

export const LoadResultSchema = z.object({
  strategy: StrategyNameSchema,
  poolSize: z.number().int(),
  durationS: z.number(),
  requests: z.number().int(),
  /** Completed requests (errors excluded) per second. */
  throughput: z.number(),
  latencyMs: LatencySummarySchema,
  errors: z.number().int(),
  errorsBySqlstate: ErrorCountsSchema,
  /**
   * Requests the user's own Stop cut short: neither errors nor requests (nothing went wrong, they
   * did not finish), counted apart so the totals add up. 0 in tests stored before it was counted.
   */
  cancelledByStop: z.number().int().default(0),
  dropped: z.number().int(),
  /** Percentile spectrum of the latency: `ms` at each `percentile` (0–100). */
  distribution: z.array(z.object({ percentile: z.number(), ms: z.number() })),
  pool: z.object({
    /** Mean share of the pool's connections in use (0–1). */
    utilisation: z.number(),
    /** Most connections one request held at once. */
    maxHeldPerRequest: z.number().int(),
    /** Connection time (acquired to released) summed over a request's queries: what a request costs the pool. */
    connectionMsPerRequest: z.number(),
    /** Mean time one request for a connection waited for a free one (pool queueing). */
    waitMsPerAcquire: z.number(),
  }),
  limit: LimitSchema.nullable(),
  /** How the load generator kept up: its threads, and the seconds it was the limit. */
  generator: z
    .object({
      threads: z.number().int(),
      /** Mean over seconds of the busiest thread's event-loop utilisation (0–1). */
      busy: z.number(),
      saturatedSeconds: z.number().int(),
      seconds: z.number().int(),
    })
    .optional(),
});
export type LoadResult = z.infer<typeof LoadResultSchema>;

export const SweepPointSchema = z.object({
  strategy: StrategyNameSchema,
  poolSize: z.number().int(),
  throughput: z.number(),
  p95: z.number(),
  errors: z.number().int(),
  /** The server refused connections (SQLSTATE 53300, max_connections reached). */
  maxConnectionsHit: z.boolean(),
});
export type SweepPoint = z.infer<typeof SweepPointSchema>;

export const LoadTestRecordSchema = z.object({
  id: z.string(),
  kind: z.literal('load'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  status: RunStatusSchema,
  settings: LoadSettingsSchema,
  workload: WorkloadSchema,
  target: DatabaseTargetSchema,
  database: RunDatabaseSchema,
  series: z.array(LoadSecondSchema),
  results: z.array(LoadResultSchema),
  sweep: z.array(SweepPointSchema),
  /** One plain-language sentence comparing the strategies. */
  verdict: z.string().nullable(),
  error: RecordErrorSchema.nullable(),
  /** Set on a test imported from a JSON export: its database and target are the other install's. */
  imported: ImportedFromSchema.optional(),
});
export type LoadTestRecord = z.infer<typeof LoadTestRecordSchema>;

/** A load test as listed in history: no series. */
export const LoadTestListItemSchema = LoadTestRecordSchema.pick({
  id: true,
  kind: true,
  createdAt: true,
  finishedAt: true,
  status: true,
  settings: true,
  database: true,
  verdict: true,
  imported: true,
}).extend({ workloadName: z.string() });
export type LoadTestListItem = z.infer<typeof LoadTestListItemSchema>;

/** `GET /api/load-tests`: newest first. */
export const LoadTestListSchema = z.object({ loadTests: z.array(LoadTestListItemSchema) });

/** `POST /api/load-tests/:id/stop`. */
export const StoppedLoadTestSchema = z.object({ id: z.string(), status: RunStatusSchema });

export const CreatedLoadTestSchema = z.object({ id: z.string(), eventsUrl: z.string(), url: z.string() });

/** Server-Sent Events of a load test; `id: <seq>` on each message, resumable with Last-Event-ID. */
export const LoadEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('load-started'),
    testId: z.string(),
    workload: WorkloadSchema,
    settings: LoadSettingsSchema,
    database: RunDatabaseSchema,
  }),
  z.object({
    type: z.literal('phase'),
    stage: z.enum(['test', 'sweep']),
    strategy: StrategyNameSchema,
    poolSize: z.number().int(),
  }),
  z.object({ type: z.literal('second'), second: LoadSecondSchema }),
  z.object({ type: z.literal('result'), result: LoadResultSchema }),
  z.object({ type: z.literal('sweep-point'), point: SweepPointSchema }),
  z.object({ type: z.literal('verdict'), verdict: z.string() }),
  z.object({ type: z.literal('error'), ...RecordErrorSchema.shape }),
  z.object({ type: z.literal('done'), status: RunStatusSchema }),
]);
export type LoadEvent = z.infer<typeof LoadEventSchema>;
