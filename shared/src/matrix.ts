import { z } from 'zod';
import { IntervalSchema } from './run';
import { SpanSchema } from './span';

/** The two answers the decision matrix gives, plus "either" when a measurement cannot tell them apart. */
export const VerdictSchema = z.enum(['sequential', 'concurrent', 'either']);
export type Verdict = z.infer<typeof VerdictSchema>;

export const scenarioIds = [
  'blog-cms',
  'admin-dashboard',
  'rest-api-low',
  'rest-api-high',
  'realtime-chat',
  'gateway',
  'data-processing',
  'iot-api',
  'checkout',
  'social-feed',
  'batch-processing',
] as const;
export const ScenarioIdSchema = z.enum(scenarioIds);
export type ScenarioId = z.infer<typeof ScenarioIdSchema>;

/** One side of a preset's comparison: how the scenario's work was run, and how long it took. */
export const ArmSchema = z.object({
  /** e.g. "sequential", "concurrent (limit 10)", "dependency-aware". */
  label: z.string(),
  /** Number of measured samples behind the median. */
  samples: z.number().int(),
  medianMs: z.number(),
  p95Ms: z.number(),
  /** Requests (or batch items) per second, where the preset measures throughput. */
  throughputPerSec: z.number().nullable(),
  /** Throughput of each measured round (load presets), so a verdict can check that the rounds agree. */
  throughputRounds: z.array(z.number()).optional(),
});
export type Arm = z.infer<typeof ArmSchema>;

/** One extra labelled number a preset measured (e.g. the speedup at 8 concurrent CPU-heavy queries). */
export const FactSchema = z.object({ label: z.string(), value: z.string() });

/**
 * What a scenario's verdict rests on: the latency speedup of one request; the throughput (and p95)
 * served under load; or the speedup read together with the compute share (CPU-bound work).
 */
export const VerdictBasisSchema = z.enum(['latency', 'throughput', 'compute']);
export type VerdictBasis = z.infer<typeof VerdictBasisSchema>;

/** Bounds of a mock service's latency (the mock services refuse anything else). */
export const MOCK_LATENCY_MAX_MS = 5_000;

export const MeasurementSchema = z.object({
  scenario: ScenarioIdSchema,
  measuredAt: z.string(),
  /** What ran, in one line (workload, RTT, trials, …). */
  setup: z.string(),
  baseline: ArmSchema,
  treatment: ArmSchema,
  /** baseline median / treatment median, with a 95% bootstrap interval (null when only one trial ran). */
  speedup: IntervalSchema.extend({ low: z.number().nullable(), high: z.number().nullable() }),
  /**
   * Share of the sequential work's time spent computing (CPU of the app and of the database's
   * processes) rather than waiting (network, sleeps, disk, locks). null when it cannot be measured,
   * e.g. a database on another machine.
   */
  computeShare: z.number().min(0).max(1).nullable(),
  /** What the verdict was judged on (older stored measurements were all judged on latency). */
  basis: VerdictBasisSchema.default('latency'),
  /** The database the preset ran on, as the page names it (absent in older stored measurements). */
  database: z.string().optional(),
  verdict: VerdictSchema,
  /** Why the measurement leads to this verdict, in one sentence with the numbers. */
  reason: z.string(),
  /** True when the measured verdict differs from the usual one and the difference is significant. */
  contradicts: z.boolean(),
  /** What bounded a throughput result (the pool, the cores, the generator), when something did. */
  bound: z.string().optional(),
  facts: z.array(FactSchema),
  /** Spans of the last measured trial of each arm, for presets that run their own work (HTTP, batch). */
  sampleSpans: z.array(SpanSchema).optional(),
});
export type Measurement = z.infer<typeof MeasurementSchema>;

export const ScenarioSchema = z.object({
  id: ScenarioIdSchema,
  title: z.string(),
  usualVerdict: VerdictSchema,
  usualReason: z.string(),
  /** What the preset runs, and what its numbers decide. */
  preset: z.string(),
  /** Rough duration of the preset, so the page can say what to expect. */
  expectedSeconds: z.number(),
  /** Presets that write (the batch) run only on the embedded demo database. */
  writes: z.boolean(),
  /**
   * Presets that load the database hard (load tests, CPU-heavy queries): on any database but the
   * embedded demo they run only with `confirmHeavy: true`.
   */
  heavy: z.boolean(),
  basis: VerdictBasisSchema,
  /** The mock services' latency this preset waits on, when it calls them (settable per run). */
  mockLatency: z.object({ defaultMs: z.number(), appliesTo: z.string() }).nullable(),
  latest: MeasurementSchema.nullable(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

export const MatrixSchema = z.object({
  scenarios: z.array(ScenarioSchema),
  /** Scenario ids whose preset is running right now. */
  running: z.array(ScenarioIdSchema),
  /** The database every preset runs on: the embedded demo, or DATABASE_URL's database. */
  database: z.object({ label: z.string(), embedded: z.boolean() }),
});
export type Matrix = z.infer<typeof MatrixSchema>;

/** Body of POST /api/matrix/scenarios/:id/run (optional: an empty body runs the preset as it is). */
export const PresetRunRequestSchema = z
  .object({
    /** Required (true) to run a heavy preset on a database other than the embedded demo. */
    confirmHeavy: z.boolean().default(false),
    /** Latency of each mock service call, for the presets that call them (gateway, batch). */
    latencyMs: z.number().int().min(0).max(MOCK_LATENCY_MAX_MS).optional(),
  })
  .strict();
export type PresetRunRequest = z.input<typeof PresetRunRequestSchema>;

// ---- What-if model ----

export const DependencyShapeSchema = z.enum(['independent', 'chain', 'partial']);
export type DependencyShape = z.infer<typeof DependencyShapeSchema>;

export const WhatIfInputSchema = z.object({
  queries: z.number().int().min(1).max(50),
  /** Time one query holds its connection on the database, without network. */
  queryMs: z.number().min(0).max(10_000),
  rttMs: z.number().min(0).max(500),
  dependencies: DependencyShapeSchema,
  /** Database CPU time a whole request needs (spread over its queries); the rest of query time is waiting. */
  cpuMsPerRequest: z.number().min(0).max(10_000),
  poolSize: z.number().int().min(1).max(200),
  dbCores: z.number().int().min(1).max(256),
  /** Arriving requests per second; 0 = one request alone (no queueing). */
  ratePerSec: z.number().min(0).max(100_000),
});
export type WhatIfInput = z.infer<typeof WhatIfInputSchema>;

export const StrategyPredictionSchema = z.object({
  /** Mean latency of one request; null when the arrival rate exceeds capacity (the queue grows without end). */
  latencyMs: z.number().nullable(),
  /** Latency of one request alone, without queueing. */
  aloneMs: z.number(),
  /** Requests per second served: min(rate, capacity). */
  throughputPerSec: z.number(),
  capacityPerSec: z.number(),
  /** What bounds capacity: the connection pool or the database's cores. */
  bottleneck: z.enum(['pool', 'cpu']),
  /** Pool utilisation at the given rate (may exceed 1 when saturated). */
  poolUtilisation: z.number(),
  cpuUtilisation: z.number(),
});
export type StrategyPrediction = z.infer<typeof StrategyPredictionSchema>;

export const WhatIfPredictionSchema = z.object({
  sequential: StrategyPredictionSchema,
  concurrent: StrategyPredictionSchema,
});
export type WhatIfPrediction = z.infer<typeof WhatIfPredictionSchema>;

/** How well the model predicted one stored run: one row per strategy. */
export const ModelCheckSchema = z.object({
  runId: z.string(),
  workload: z.string(),
  createdAt: z.string(),
  rttMs: z.number(),
  rows: z.array(
    z.object({
      strategy: z.string(),
      predictedMs: z.number(),
      measuredMs: z.number(),
      /** (predicted − measured) / measured. */
      error: z.number(),
      /**
       * The prediction was fitted from this same measurement (the sequential strategy's own per-query
       * medians), so its error is about 0 by construction: shown, but not part of the headline error.
       */
      fitted: z.boolean(),
    }),
  ),
});
export type ModelCheck = z.infer<typeof ModelCheckSchema>;

/** A completed run the model cannot be fitted to, and why. */
export const ExcludedRunSchema = z.object({ runId: z.string(), workload: z.string(), reason: z.string() });
export type ExcludedRun = z.infer<typeof ExcludedRunSchema>;

export const ModelChecksSchema = z.object({
  checks: z.array(ModelCheckSchema),
  excluded: z.array(ExcludedRunSchema),
});

// ---- Consecutive-query detector ----

export const ConsecutiveFindingSchema = z.object({
  strategy: z.string(),
  trial: z.number().int(),
  /** Query ids of the consecutive run, in the order they ran. */
  queryIds: z.array(z.string()),
  /** Ids within the run that depend on nothing else in it: these could have overlapped. */
  parallelizable: z.array(z.string()),
  totalMs: z.number(),
  savingMs: z.number(),
});
export type ConsecutiveFinding = z.infer<typeof ConsecutiveFindingSchema>;

export const DetectorReportSchema = z.object({
  runId: z.string(),
  workload: z.string(),
  findings: z.array(ConsecutiveFindingSchema),
  /** Median predicted saving over the trials that have a finding; null when nothing was flagged. */
  predictedSavingMs: z.number().nullable(),
  /** Measured median(sequential) − median(dependency-aware), filled after a confirmation run. */
  confirmation: z
    .object({
      sequentialMs: z.number(),
      dependencyAwareMs: z.number(),
      measuredSavingMs: z.number(),
      trials: z.number().int(),
    })
    .nullable(),
});
export type DetectorReport = z.infer<typeof DetectorReportSchema>;

export const WhatIfPointSchema = z.object({
  ratePerSec: z.number(),
  sequentialMs: z.number().nullable(),
  concurrentMs: z.number().nullable(),
  sequentialThroughput: z.number(),
  concurrentThroughput: z.number(),
});
export type WhatIfPoint = z.infer<typeof WhatIfPointSchema>;

export const WhatIfResponseSchema = z.object({
  prediction: WhatIfPredictionSchema,
  /** The same input at arrival rates from 0 to past the capacity, for the plots. */
  curve: z.array(WhatIfPointSchema),
});
export type WhatIfResponse = z.infer<typeof WhatIfResponseSchema>;
