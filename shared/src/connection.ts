import { z } from 'zod';
import { RoleRiskSchema } from './role-risk';

/**
 * Functions of the user's own database that read-only runs on this connection may call although the
 * policy cannot check them (volatile, or with a body in SQL or PL/pgSQL): `name` or `schema.name`.
 */
export const TrustedFunctionsSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\s.]+(\.[^\s.]+)?$/, 'a function name, or schema.name'),
  )
  .max(200);

/** `POST /api/connections`: the URL (with its password) goes to the server and never comes back. */
export const NewConnectionSchema = z.object({
  name: z.string().trim().min(1, 'a connection needs a name').max(100),
  url: z
    .string()
    .trim()
    .min(1, 'paste a postgres:// connection URL')
    .max(2000)
    .refine((u) => /^postgres(ql)?:\/\//i.test(u), 'the URL must start with postgres:// or postgresql://'),
  /** Runs on this connection may write; off by default so a profiled production database is safe. */
  allowWrites: z.boolean().default(false),
  trustedFunctions: TrustedFunctionsSchema.default([]),
});
export type NewConnection = z.input<typeof NewConnectionSchema>;

/** A saved connection as the browser sees it: where it points, never its password or URL. */
export const ConnectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  database: z.string(),
  user: z.string(),
  hasPassword: z.boolean(),
  allowWrites: z.boolean(),
  trustedFunctions: z.array(z.string()),
  createdAt: z.string(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

export const ConnectionListSchema = z.object({ connections: z.array(ConnectionSchema) });

/** `POST /api/connections/:id/test` (and the check done before saving). */
export const ConnectionTestSchema = z.object({
  ok: z.literal(true),
  database: z.string(),
  serverVersion: z.string(),
  /** Time to connect and answer one query, ms. */
  latencyMs: z.number(),
  /** What the connection's role could change, with a warning when it is more than reading. */
  risk: RoleRiskSchema.optional(),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;
