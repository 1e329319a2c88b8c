import { z } from 'zod';
import { RoleRiskSchema } from './role-risk';

export const DatabaseInfoSchema = z.object({
  reachable: z.literal(true),
  embedded: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  database: z.string(),
  user: z.string(),
  serverVersion: z.string(),
  versionString: z.string(),
  sizeBytes: z.number(),
  superuser: z.boolean(),
  maxConnections: z.number().int(),
  /** What the connected role could change; a warning when it is more than reading. */
  risk: RoleRiskSchema.optional(),
});
export type DatabaseInfo = z.infer<typeof DatabaseInfoSchema>;

export const DatabaseDownSchema = z.object({
  reachable: z.literal(false),
  embedded: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  database: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number(),
  database: z.discriminatedUnion('reachable', [DatabaseInfoSchema, DatabaseDownSchema]),
});
export type Health = z.infer<typeof HealthSchema>;
