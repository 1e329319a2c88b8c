import { z } from 'zod';

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'not_found',
  'unknown_workload',
  'invalid_database_url',
  'database_unreachable',
  'database_auth_failed',
  'database_error',
  'too_many_connections',
  'query_failed',
  'query_timeout',
  'read_only_violation',
  'run_limit_reached',
  'still_running',
  'confirmation_required',
  'payload_too_large',
  'server_busy',
  'forbidden',
  'unauthorized',
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** One problem with one field of an input, e.g. `queries.2.sql`. */
export const FieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** Every failed API request answers with this shape. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    hint: z.string().optional(),
    issues: z.array(FieldIssueSchema).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Flattens a zod error into field issues whose paths name the bad field. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}
