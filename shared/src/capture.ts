import { z } from 'zod';

/**
 * A capture: an application's own traffic recorded through Gatherscope's pass-through PostgreSQL
 * proxy. Times are milliseconds from the capture's start on a monotonic clock. Result rows are never
 * stored; SQL and parameters are (locally), and an export can redact them.
 */

export const CaptureErrorSchema = z.object({ sqlstate: z.string(), message: z.string() });

/** A later statement used a value an earlier statement of the same request returned. */
export const ValueRefSchema = z.object({
  /** Where the value appears: a bind parameter (0-based index) or a literal in the SQL (character offset). */
  use: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('param'), index: z.number().int() }),
    z.object({ kind: z.literal('literal'), offset: z.number().int() }),
  ]),
  statementId: z.string(),
  column: z.string(),
});
export type ValueRef = z.infer<typeof ValueRefSchema>;

export const statementOutcomes = ['ok', 'error', 'skipped', 'cut'] as const;

export const CapturedStatementSchema = z.object({
  id: z.string(),
  sql: z.string(),
  /** Bind parameters as text (binary ones decoded where the type is known, else bytea hex); null = SQL NULL. */
  params: z.array(z.string().nullable()),
  /** Parameter type names where known (from Parse or ParameterDescription), else 'unknown'. */
  paramTypes: z.array(z.string()),
  protocol: z.enum(['simple', 'extended']),
  /** Name of the prepared statement ('' = unnamed). */
  statementName: z.string().nullable(),
  /** First byte of the statement from the client … its completion from the server. */
  startMs: z.number(),
  endMs: z.number(),
  /** Until the first row arrived; null without rows. */
  firstRowMs: z.number().nullable(),
  /** Client connection number within the capture. */
  connection: z.number().int(),
  backendPid: z.number().int().nullable(),
  user: z.string(),
  database: z.string(),
  applicationName: z.string(),
  /** Rows returned, or affected as the command tag says. */
  rows: z.number().int(),
  /** Bytes the server sent for it (rows, COPY data, completion). */
  bytes: z.number().int(),
  commandTag: z.string().nullable(),
  outcome: z.enum(statementOutcomes),
  error: CaptureErrorSchema.nullable(),
  /** Transaction status the server reported after it: idle, in a transaction block, or in a failed one. */
  txStatus: z.enum(['idle', 'transaction', 'failed']).nullable(),
  tags: z.record(z.string(), z.string()),
  fingerprint: z.string().nullable(),
  tablesRead: z.array(z.string()),
  tablesWritten: z.array(z.string()),
  valueRefs: z.array(ValueRefSchema),
});
export type CapturedStatement = z.infer<typeof CapturedStatementSchema>;

export const CapturedRequestSchema = z.object({
  id: z.string(),
  /** traceparent: the app tagged its SQL; gap: no tags, split by pauses on a connection (not by request). */
  groupedBy: z.enum(['traceparent', 'gap']),
  traceId: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  /** The endpoint this request belongs to (route tag, else the fingerprints in order). */
  endpoint: z.string(),
  startMs: z.number(),
  wallMs: z.number(),
  /** Time with at least one statement running. */
  dbMs: z.number(),
  /** Database time spent by statements waiting for each other: dbMs minus the longest statement. */
  serialMs: z.number(),
  /** Statements that started only after an earlier statement of the request had finished. */
  serialStatements: z.number().int(),
  connections: z.array(z.number().int()),
  statements: z.array(CapturedStatementSchema),
});
export type CapturedRequest = z.infer<typeof CapturedRequestSchema>;

export const EndpointGroupSchema = z.object({
  endpoint: z.string(),
  /** route: named by the app's tags; fingerprints: the same sequence of statement shapes. */
  namedBy: z.enum(['route', 'fingerprints']),
  requests: z.number().int(),
  medianWallMs: z.number(),
  medianDbMs: z.number(),
  medianStatements: z.number(),
  /** Sum over its requests of serialMs: what the ranking orders by. */
  totalSerialMs: z.number(),
  allSerial: z.boolean(),
  requestIds: z.array(z.string()),
});
export type EndpointGroup = z.infer<typeof EndpointGroupSchema>;

export const CutConnectionSchema = z.object({
  connection: z.number().int(),
  atMs: z.number(),
  /** What happened: the client or server vanished mid-statement, a message that is not PostgreSQL, … */
  reason: z.string(),
});

export const CaptureSchema = z.object({
  version: z.literal(1),
  /** The database captured, without the password. */
  target: z.string(),
  /** What the app was told to connect to. */
  listenUrl: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  gapMs: z.number(),
  redacted: z.boolean(),
  counts: z.object({
    connections: z.number().int(),
    statements: z.number().int(),
    requests: z.number().int(),
    /** Dropped by the memory cap (oldest requests first). */
    droppedStatements: z.number().int(),
    droppedRequests: z.number().int(),
    cutConnections: z.number().int(),
    cancelRequests: z.number().int(),
    /** Filed without fingerprint, tables and tags: the SQL parser fell behind a flood of distinct texts. */
    unanalysedStatements: z.number().int(),
  }),
  cuts: z.array(CutConnectionSchema),
  requests: z.array(CapturedRequestSchema),
  endpoints: z.array(EndpointGroupSchema),
});
export type Capture = z.infer<typeof CaptureSchema>;

/** Live events of a running capture, as a job streams them. */
export const CaptureEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('listening'), listenUrl: z.string(), port: z.number().int() }),
  z.object({ type: z.literal('connection'), connection: z.number().int(), atMs: z.number() }),
  z.object({ type: z.literal('statement'), requestId: z.string(), statement: CapturedStatementSchema }),
  /** A request closed (its trace or its connection went quiet): final numbers. */
  z.object({ type: z.literal('request'), request: CapturedRequestSchema }),
  z.object({ type: z.literal('cut'), cut: CutConnectionSchema }),
  z.object({
    type: z.literal('dropped'),
    droppedStatements: z.number().int(),
    droppedRequests: z.number().int(),
  }),
]);
export type CaptureEvent = z.infer<typeof CaptureEventSchema>;
