import { type WorkloadList, workloadJsonSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { listBuiltinWorkloads } from './builtin';

/** `/api/workloads`: the built-in workloads, and the JSON Schema of the workload file format. */
export function workloadRoutes() {
  const schema = workloadJsonSchema();
  return new Hono()
    .get('/', (c) => c.json({ workloads: listBuiltinWorkloads() } satisfies WorkloadList))
    .get('/schema.json', (c) => c.json(schema));
}
