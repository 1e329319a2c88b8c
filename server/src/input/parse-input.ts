import { zodIssues } from '@gatherscope/shared';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';

const WORKLOAD_HINT =
  'Fix the fields listed in `issues`; GET /api/workloads/schema.json describes a workload.';

/** Validates an input with its shared schema; a 400 names every bad field (`issues`). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  hint = WORKLOAD_HINT,
): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = zodIssues(r.error);
  const first = issues[0];
  throw new AppError(
    'validation_failed',
    `The ${what} is not valid${first ? `: ${first.path}: ${first.message}` : ''}.`,
    {
      status: 400,
      hint,
      details: { issues },
    },
  );
}
