import { WorkloadSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { parseInput } from '../input/parse-input';
import { deleteWorkload, listWorkloads, readWorkload, saveWorkload, workloadNotFound } from './store';

/** `/api/saved-workloads`: custom workloads saved on the server, in the workload JSON file format. */
export function savedWorkloadRoutes(deps: { dataDir: string }) {
  return new Hono()
    .get('/', async (c) => c.json({ workloads: await listWorkloads(deps.dataDir) }))
    .get('/:id', async (c) => c.json(await readWorkload(deps.dataDir, c.req.param('id'))))
    .post('/', async (c) => {
      const workload = parseInput(WorkloadSchema, await c.req.json(), 'workload');
      return c.json(await saveWorkload(deps.dataDir, workload), 201);
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      if (!(await deleteWorkload(deps.dataDir, id))) throw workloadNotFound(id);
      return c.body(null, 204);
    });
}
