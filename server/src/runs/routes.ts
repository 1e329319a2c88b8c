import { type CreatedRunSchema, type RunList, RunRequestSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import { parseInput } from '../input/parse-input';
import { streamWatched } from '../sse/watched-stream';
import type { RunManager } from './manager';

const notFound = (id: string) =>
  new AppError('not_found', `There is no run with id "${id.slice(0, 64)}".`, {
    status: 404,
    hint: 'It may have been deleted. GET /api/runs lists the stored runs.',
  });

/** `/api/runs`: start, list, read, follow (SSE with resume), stop and delete profiling runs. */
export function runRoutes(deps: { runs: RunManager }) {
  const { runs } = deps;
  return new Hono()
    .post('/', async (c) => {
      const request = parseInput(RunRequestSchema, await c.req.json(), 'run request');
      const { id } = await runs.start(request);
      const body: z.infer<typeof CreatedRunSchema> = {
        id,
        eventsUrl: `/api/runs/${id}/events`,
        url: `/api/runs/${id}`,
      };
      c.header('Location', body.url);
      return c.json(body, 201);
    })
    .get('/', (c) => c.json({ runs: runs.list() } satisfies RunList))
    .get('/:id', async (c) => {
      const record = await runs.get(c.req.param('id'));
      if (!record) throw notFound(c.req.param('id'));
      return c.json(record);
    })
    .get('/:id/events', async (c) => {
      const id = c.req.param('id');
      const res = await streamWatched(c, runs, id);
      if (!res) throw notFound(id);
      return res;
    })
    .post('/:id/stop', async (c) => {
      const id = c.req.param('id');
      const status = await runs.stop(id);
      if (!status) throw notFound(id);
      return c.json({ id, status });
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      if (!(await runs.delete(id))) throw notFound(id);
      return c.body(null, 204);
    });
}
