import { z } from 'zod';
import { WorkloadSchema } from './workload';

/** `GET /api/workloads`: the built-in workloads, queries included. */
export const WorkloadListSchema = z.object({ workloads: z.array(WorkloadSchema) });
export type WorkloadList = z.infer<typeof WorkloadListSchema>;
