import { z } from 'zod';
import { WorkloadSchema } from './workload';

/**
 * JSON Schema of a workload file, generated from the zod schema that validates it, so the two cannot
 * drift. Served at `GET /api/workloads/schema.json` and committed as `docs/workload.schema.json`
 * (`npm run schema`). Cross-field rules (unique ids, known dependencies, no cycles, parameter counts)
 * are not expressible in JSON Schema: the server and the CLI check them.
 */
export function workloadJsonSchema(): Record<string, unknown> {
  return {
    title: 'Gatherscope workload',
    ...z.toJSONSchema(WorkloadSchema, { target: 'draft-2020-12', io: 'input' }),
  };
}
