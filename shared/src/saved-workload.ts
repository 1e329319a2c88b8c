import { z } from 'zod';

/** One custom workload saved on the server (`GET /api/saved-workloads`); the file itself is a Workload. */
export const SavedWorkloadInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  queries: z.number().int(),
  savedAt: z.string(),
});
export type SavedWorkloadInfo = z.infer<typeof SavedWorkloadInfoSchema>;

export const SavedWorkloadListSchema = z.object({ workloads: z.array(SavedWorkloadInfoSchema) });
