import { z } from 'zod';
import { LoadModelSchema, loadLimits } from './load';
import { StatementModeSchema } from './statement-mode';
import { WorkloadSchema } from './workload';

/** A workload written for another load generator: `POST /api/load-scripts`, `gatherscope export`. */
export const LoadScriptRequestSchema = z.object({
  format: z.enum(['pgbench', 'k6']),
  /** A built-in workload's name, or a workload. */
  workload: z.union([z.string().min(1), WorkloadSchema]),
  /** Both tools give each client one connection: sequential, or pipelined (pgbench only). */
  strategy: z.enum(['sequential', 'pipelined']).default('sequential'),
  /** How statements travel (pgbench -M). */
  mode: StatementModeSchema.default('extended'),
  model: LoadModelSchema,
  durationS: z.number().min(1).max(loadLimits.maxDurationS).default(10),
  /** pgbench -j. */
  threads: z.number().int().min(1).max(256).default(2),
});
export type LoadScriptRequest = z.input<typeof LoadScriptRequestSchema>;
