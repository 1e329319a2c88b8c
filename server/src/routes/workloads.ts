import { type WorkloadList, WorkloadSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { listBuiltinWorkloads } from '../workloads/builtin';

/**
 * JSON Schema of a workload file, generated from the zod schema (the same one that validates).
 * Cross-field rules (unique ids, known dependencies, no cycles, parameter counts) are checked by
 * the server and the CLI, not expressible in JSON Schema.
 */
export function workloadJsonSchema(): Record<string, unknown> {
  return {
    title: 'Gatherscope workload',
    ...z.toJSONSchema(WorkloadSchema, { target: 'draft-2020-12', io: 'input' }),
  };
}

/** `/api/workloads`: the built-in workloads, and the JSON Schema of the workload file format. */
export function workloadRoutes() {
  const schema = workloadJsonSchema();
  return new Hono()
    .get('/', (c) => c.json({ workloads: listBuiltinWorkloads() } satisfies WorkloadList))
    .get('/schema.json', (c) => c.json(schema));
}
