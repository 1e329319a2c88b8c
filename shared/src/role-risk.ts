import { z } from 'zod';

/**
 * What the connected role could do to the database if every guard failed. Gatherscope only reads,
 * but a read-only role is the one guarantee that does not depend on Gatherscope.
 */
export const RoleRiskSchema = z.object({
  superuser: z.boolean(),
  /** Tables (and materialized views) owned by the role or a role it belongs to: it could alter or drop them. */
  ownedTables: z.number().int(),
  /** Tables the role may insert into, update, delete from or truncate. */
  writableTables: z.number().int(),
  /** A sentence for the UI, or null when the role can only read. */
  warning: z.string().nullable(),
});
export type RoleRisk = z.infer<typeof RoleRiskSchema>;
