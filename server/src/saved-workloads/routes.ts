import { WorkloadSchema, zodIssues } from '@gatherscope/shared';
import { Hono } from 'hono';
import { AppError } from '../http/errors';
import { deleteWorkload, listWorkloads, readWorkload, saveWorkload } from './store';

/** `/api/saved-workloads`: custom workloads saved on the server, in the workload JSON file format. */
export function savedWorkloadRoutes(deps: { dataDir: string }) {
  return new Hono()
    .get('/', async (c) => c.json({ workloads: await listWorkloads(deps.dataDir) }))
    .get('/:id', async (c) => c.json(await readWorkload(deps.dataDir, c.req.param('id'))))
    .post('/', async (c) => {
      const parsed = WorkloadSchema.safeParse(await c.req.json());
      if (!parsed.success) {
        throw new AppError('validation_failed', 'The workload is not valid.', {
          status: 400,
          hint: 'Each problem names its field, e.g. queries.1.sql.',
          details: { issues: zodIssues(parsed.error) },
        });
      }
      return c.json(await saveWorkload(deps.dataDir, parsed.data), 201);
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      if (!(await deleteWorkload(deps.dataDir, id))) {
        throw new AppError('not_found', `There is no saved workload "${id.slice(0, 64)}".`, {
          status: 404,
          hint: 'GET /api/saved-workloads lists the saved workloads.',
        });
      }
      return c.body(null, 204);
    });
}
