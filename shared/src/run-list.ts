import { z } from 'zod';
import { ImportedFromSchema, RunDatabaseSchema, RunStatusSchema } from './run';
import { StrategyNameSchema } from './strategy';

/** One stored run in `GET /api/runs`: the fields a history list shows, not the spans. */
export const RunListItemSchema = z.object({
  id: z.string(),
  kind: z.literal('profile'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  status: RunStatusSchema,
  workloadName: z.string(),
  strategies: z.array(StrategyNameSchema),
  trials: z.number().int(),
  rttMs: z.number(),
  database: RunDatabaseSchema,
  verdict: z.string().nullable(),
  error: z.string().nullable(),
  imported: ImportedFromSchema.optional(),
});
export type RunListItem = z.infer<typeof RunListItemSchema>;

/** `GET /api/runs`: newest first. */
export const RunListSchema = z.object({ runs: z.array(RunListItemSchema) });
export type RunList = z.infer<typeof RunListSchema>;

/** `POST /api/runs/:id/stop`. */
export const StoppedRunSchema = z.object({ id: z.string(), status: RunStatusSchema });
