import { z } from 'zod';
import { CapturedRequestSchema, CaptureEventSchema, CaptureSchema, EndpointGroupSchema } from './capture';
import { DatabaseTargetSchema, RecordErrorSchema, RunDatabaseSchema, RunStatusSchema } from './run';
import { StrategyListSchema } from './strategy';

/**
 * A capture as a job of the server (the Capture page): started on a database, watched live, stopped,
 * stored with runs and load tests. An imported trace is stored the same way, marked by its source.
 */

/** `POST /api/captures`. */
export const CaptureStartRequestSchema = z.object({
  target: DatabaseTargetSchema.default({ kind: 'default' }),
  /** Untagged statements: a pause this long on a connection starts a new request. */
  gapMs: z.number().positive().max(60_000).default(100),
  /** Stored statements at most; the oldest requests are dropped past it. */
  maxStatements: z.number().int().min(100).max(1_000_000).default(100_000),
  /** A detached capture keeps recording with nobody watching (the CLI); a page's stops after it leaves. */
  detached: z.boolean().default(false),
});
export type CaptureStartRequest = z.input<typeof CaptureStartRequestSchema>;
export type ParsedCaptureStartRequest = z.output<typeof CaptureStartRequestSchema>;

/** proxy: recorded by Gatherscope; otlp / jaeger: an imported trace file (no result data). */
export const CaptureSourceSchema = z.enum(['proxy', 'otlp', 'jaeger']);
export type CaptureSource = z.infer<typeof CaptureSourceSchema>;

export const CaptureRecordSchema = z.object({
  id: z.string(),
  kind: z.literal('capture'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  status: RunStatusSchema,
  error: RecordErrorSchema.nullable(),
  source: CaptureSourceSchema,
  /** The imported file's name; null for a recorded capture. */
  fileName: z.string().nullable(),
  /** Where replays go: the database captured (an imported trace: the default database). */
  target: DatabaseTargetSchema,
  database: RunDatabaseSchema.nullable(),
  /**
   * The URL to give the app. For the embedded demo it carries the demo's local password; for any
   * other database none: the app keeps its own, authentication passes through.
   */
  appUrl: z.string().nullable(),
  /** Round trip Gatherscope → database measured at the start (fastest SELECT 1); null if not measured. */
  rttMs: z.number().nullable().default(null),
  capture: CaptureSchema,
});
export type CaptureRecord = z.infer<typeof CaptureRecordSchema>;

export const CaptureListItemSchema = CaptureRecordSchema.pick({
  id: true,
  kind: true,
  createdAt: true,
  finishedAt: true,
  status: true,
  source: true,
  fileName: true,
  database: true,
}).extend({
  requests: z.number().int(),
  statements: z.number().int(),
  /** The top endpoint by time spent waiting one after another, if any. */
  topEndpoint: z.string().nullable(),
});
export type CaptureListItem = z.infer<typeof CaptureListItemSchema>;

export const CaptureListSchema = z.object({ captures: z.array(CaptureListItemSchema) });
export const CreatedCaptureSchema = z.object({ id: z.string(), eventsUrl: z.string(), url: z.string() });
export const StoppedCaptureSchema = z.object({ id: z.string(), status: RunStatusSchema });

/** Server-Sent Events of a capture job: its start, the recorder's events, its end. */
export const CaptureJobEventSchema = z.union([
  z.object({
    type: z.literal('capture-started'),
    captureId: z.string(),
    listenUrl: z.string(),
    appUrl: z.string().nullable(),
    database: RunDatabaseSchema.nullable(),
    gapMs: z.number(),
    rttMs: z.number().nullable(),
  }),
  CaptureEventSchema,
  z.object({ type: z.literal('error'), ...RecordErrorSchema.shape }),
  z.object({ type: z.literal('done'), status: RunStatusSchema }),
]);
export type CaptureJobEvent = z.infer<typeof CaptureJobEventSchema>;

/** `POST /api/traces`: an OTLP JSON or Jaeger JSON trace file. */
export const TraceImportRequestSchema = z.object({
  fileName: z.string().min(1).max(200),
  trace: z.unknown(),
});
export type TraceImportRequest = z.infer<typeof TraceImportRequestSchema>;
export const ImportedTraceSchema = z.object({ id: z.string(), url: z.string(), requests: z.number().int() });

// What gathering would buy (#14).

export const EdgeKindSchema = z.enum(['data', 'transaction', 'write-read', 'read-write', 'write-order']);
export const InferredEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  kind: EdgeKindSchema,
  reason: z.string(),
});
export type InferredEdgeWire = z.infer<typeof InferredEdgeSchema>;

export const GatheringPredictionSchema = z.object({
  captured: z.object({ wallMs: z.number(), dbMs: z.number(), appMs: z.number() }),
  sequentialMs: z.number(),
  dependencyAwareMs: z.number(),
  concurrentMs: z.number(),
  pipelinedMs: z.number(),
  savingMs: z.number(),
  criticalPath: z.array(z.string()),
  rttMs: z.number(),
});
export type GatheringPredictionWire = z.infer<typeof GatheringPredictionSchema>;

/** `GET /api/captures/:id/requests/:rid/graph?rtt=`. */
export const RequestGraphSchema = z.object({
  basis: z.enum(['data', 'timing']),
  request: CapturedRequestSchema,
  /** Statement id → its short name (q1, users…), as the workload and the edges' reasons name it. */
  labels: z.record(z.string(), z.string()),
  edges: z.array(InferredEdgeSchema),
  prediction: GatheringPredictionSchema,
  /** Statements (by label) that write: a replay needs a target that allows writes. */
  writes: z.array(z.string()),
  /** What a replay runs in each trial's transaction that is rolled back (by label); empty without writes. */
  rolledBack: z.array(z.string()).default([]),
  /**
   * For a request that writes: whether its database takes a replay with writes rolled back (the
   * embedded demo, a saved connection with Allow writes), and if not, why and how to allow it.
   * Null without writes, or when the database could not be asked.
   */
  writeReplay: z
    .object({ allowed: z.boolean(), message: z.string().optional(), hint: z.string().optional() })
    .nullable()
    .default(null),
  leftOut: z.array(z.object({ id: z.string(), sql: z.string(), why: z.string() })),
});
export type RequestGraph = z.infer<typeof RequestGraphSchema>;

/** `GET /api/captures/:id/endpoints?rtt=`: endpoint groups ranked by predicted saving × requests. */
export const EndpointSavingsSchema = z.object({
  basis: z.enum(['data', 'timing']),
  rttMs: z.number(),
  endpoints: z.array(
    z.object({
      group: EndpointGroupSchema,
      savingPerRequestMs: z.number(),
      totalSavingMs: z.number(),
      representativeId: z.string(),
      prediction: GatheringPredictionSchema,
    }),
  ),
});
export type EndpointSavings = z.infer<typeof EndpointSavingsSchema>;

/** `POST /api/captures/:id/requests/:rid/replay`: an ordinary run of the request as a workload. */
export const ReplayRequestSchema = z.object({
  /** The dependencies to keep (the user may have removed or added some); default: as inferred. */
  edges: z
    .array(z.object({ from: z.string(), to: z.string() }))
    .max(10_000)
    .optional(),
  rttMs: z.number().min(0).max(500).default(0),
  strategies: StrategyListSchema.default(['sequential', 'dependency-aware']),
  trials: z.number().int().min(1).max(100).default(10),
  warmup: z.number().int().min(0).max(10).default(1),
});
export type ReplayRequest = z.input<typeof ReplayRequestSchema>;

export const ReplayStartedSchema = z.object({
  runId: z.string(),
  runUrl: z.string(),
  eventsUrl: z.string(),
  prediction: GatheringPredictionSchema,
  leftOut: z.array(z.object({ id: z.string(), sql: z.string(), why: z.string() })),
  /** Statements (by label) that write; empty for a read-only request. */
  writes: z.array(z.string()).default([]),
  /**
   * What runs in each trial's transaction that is rolled back (the writes, what must see them, an
   * explicit transaction of the capture); empty when the request only reads.
   */
  rolledBack: z.array(z.string()).default([]),
});
export type ReplayStarted = z.infer<typeof ReplayStartedSchema>;
