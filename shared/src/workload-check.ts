import { z } from 'zod';
import { DatabaseTargetSchema, RunDatabaseSchema } from './run';
import { RunLimitsSchema } from './run-limits';
import { WorkloadSchema } from './workload';

/** `POST /api/workloads/check`: a workload (inline or a built-in by name) and the database to check it on. */
export const WorkloadCheckRequestSchema = z.object({
  workload: z.union([z.string().min(1), WorkloadSchema]),
  target: DatabaseTargetSchema.default({ kind: 'default' }),
  limits: RunLimitsSchema.optional(),
});
export type WorkloadCheckRequest = z.input<typeof WorkloadCheckRequestSchema>;

/** One column of a statement's result, as PostgreSQL describes it (`format_type`). */
export const ResultColumnSchema = z.object({ name: z.string(), type: z.string() });
export type ResultColumn = z.infer<typeof ResultColumnSchema>;

/** Why a statement cannot run, in the database's words. */
export const StatementErrorSchema = z.object({
  message: z.string(),
  /** 1-based character position in the SQL that PostgreSQL points at, when it gives one. */
  position: z.number().int().optional(),
  sqlstate: z.string().optional(),
  hint: z.string().optional(),
});
export type StatementError = z.infer<typeof StatementErrorSchema>;

export const QueryCheckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), queryId: z.string(), columns: z.array(ResultColumnSchema) }),
  z.object({ ok: z.literal(false), queryId: z.string(), error: StatementErrorSchema }),
]);
export type QueryCheck = z.infer<typeof QueryCheckSchema>;

/** Each query parsed and described (never executed) on the database, in the workload's order. */
export const WorkloadCheckSchema = z.object({
  database: RunDatabaseSchema,
  queries: z.array(QueryCheckSchema),
});
export type WorkloadCheck = z.infer<typeof WorkloadCheckSchema>;

/** "line 2, column 7" of a 1-based character position in a statement. */
export function positionText(sql: string, position: number): string {
  const before = [...sql].slice(0, Math.max(0, position - 1)).join('');
  const lines = before.split('\n');
  return `line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
}

/** The message shown at a query whose check failed: the database's message, and where. */
export function statementErrorText(sql: string, e: StatementError): string {
  const where = e.position !== undefined ? ` (at ${positionText(sql, e.position)})` : '';
  return `${e.message}${where}${e.hint ? `. Hint: ${e.hint}` : ''}`;
}

/** The failed checks as field issues at their query's SQL (`queries.1.sql`, with a prefix such as `workload.`). */
export function workloadCheckIssues(
  workload: { queries: readonly { sql: string }[] },
  checks: readonly QueryCheck[],
  prefix = '',
): { path: string; message: string }[] {
  return checks.flatMap((c, i) =>
    c.ok
      ? []
      : [
          {
            path: `${prefix}queries.${i}.sql`,
            message: statementErrorText(workload.queries[i]?.sql ?? '', c.error),
          },
        ],
  );
}
