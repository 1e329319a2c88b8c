import { z } from 'zod';
import {
  RecordErrorSchema,
  RunDatabaseSchema,
  RunSettingsSchema,
  RunStatusSchema,
  RunSummarySchema,
} from './run';
import { SpanSchema } from './span';
import { StrategyNameSchema } from './strategy';
import { WorkloadSchema } from './workload';

/**
 * Server-Sent Events of a run. Each SSE message has `event: <type>`, `id: <seq>` (1, 2, 3 … so a
 * client that reconnects with Last-Event-ID resumes without loss) and `data: <json of the event>`.
 */
export const RunEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run-started'),
    runId: z.string(),
    workload: WorkloadSchema,
    settings: RunSettingsSchema,
    database: RunDatabaseSchema,
    /** Strategy order of the interleaved trials. */
    schedule: z.array(z.object({ strategy: StrategyNameSchema, trial: z.number().int() })),
  }),
  z.object({ type: z.literal('span'), span: SpanSchema }),
  z.object({
    type: z.literal('trial'),
    strategy: StrategyNameSchema,
    trial: z.number().int(),
    warmup: z.boolean(),
    wallMs: z.number(),
    /** Unix epoch ms (fractional) when the trial started. */
    startedAt: z.number().optional(),
    failed: z.boolean(),
  }),
  z.object({ type: z.literal('summary'), summary: RunSummarySchema }),
  z.object({ type: z.literal('error'), ...RecordErrorSchema.shape }),
  z.object({ type: z.literal('done'), status: RunStatusSchema }),
]);
export type RunEvent = z.infer<typeof RunEventSchema>;
