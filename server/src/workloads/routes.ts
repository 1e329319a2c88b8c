import {
  type WorkloadCheck,
  WorkloadCheckRequestSchema,
  type WorkloadList,
  workloadJsonSchema,
} from '@gatherscope/shared';
import { Hono } from 'hono';
import { parseInput } from '../input/parse-input';
import type { TargetResolver } from '../targets/targets';
import { listBuiltinWorkloads } from './builtin';
import { builtinCatalog, resolveWorkload } from './catalog';
import { checkWorkload } from './check-on-database';

/**
 * `/api/workloads`: the built-in workloads, the JSON Schema of the workload file format, and
 * (with a target resolver) `POST /check`: each query parsed and described on a database, not run.
 */
export function workloadRoutes(deps: { resolveTarget?: TargetResolver | undefined } = {}) {
  const schema = workloadJsonSchema();
  const app = new Hono()
    .get('/', (c) => c.json({ workloads: listBuiltinWorkloads() } satisfies WorkloadList))
    .get('/schema.json', (c) => c.json(schema));
  const { resolveTarget } = deps;
  if (resolveTarget) {
    app.post('/check', async (c) => {
      const req = parseInput(WorkloadCheckRequestSchema, await c.req.json(), 'workload check');
      const workload = resolveWorkload(builtinCatalog, req.workload);
      const target = await resolveTarget(req.target);
      const queries = await checkWorkload(workload, target, req.limits);
      return c.json({ database: target.database, queries } satisfies WorkloadCheck);
    });
  }
  return app;
}
