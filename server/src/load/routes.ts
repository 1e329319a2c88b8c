import { type CreatedLoadTestSchema, LoadTestRequestSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import { parseInput } from '../input/parse-input';
import { streamWatched } from '../sse/watched-stream';
import type { LoadTestManager } from './manager';

const notFound = (id: string) =>
  new AppError('not_found', `There is no load test with id "${id.slice(0, 64)}".`, {
    status: 404,
    hint: 'GET /api/load-tests lists the stored load tests.',
  });

/** `/api/load-tests`: start, list, read, follow (SSE with resume) and stop load tests. */
export function loadTestRoutes(tests: LoadTestManager) {
  return new Hono()
    .post('/', async (c) => {
      const request = parseInput(LoadTestRequestSchema, await c.req.json(), 'load test request');
      const { id } = await tests.start(request);
      const body: z.infer<typeof CreatedLoadTestSchema> = {
        id,
        eventsUrl: `/api/load-tests/${id}/events`,
        url: `/api/load-tests/${id}`,
      };
      c.header('Location', body.url);
      return c.json(body, 201);
    })
    .get('/', (c) => c.json({ loadTests: tests.list() }))
    .get('/:id', async (c) => {
      const record = await tests.get(c.req.param('id'));
      if (!record) throw notFound(c.req.param('id'));
      return c.json(record);
    })
    .get('/:id/events', async (c) => {
      const id = c.req.param('id');
      const res = await streamWatched(c, tests, id, { heartbeatMs: 5000 });
      if (!res) throw notFound(id);
      return res;
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      if (!(await tests.delete(id))) throw notFound(id);
      return c.body(null, 204);
    })
    .post('/:id/stop', async (c) => {
      const id = c.req.param('id');
      const status = await tests.stop(id);
      if (!status) throw notFound(id);
      return c.json({ id, status });
    });
}
