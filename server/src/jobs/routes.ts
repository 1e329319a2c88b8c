import { Hono } from 'hono';
import { AppError } from '../errors/app-error';
import { streamFile } from '../store/stream-file';
import type { Jobs } from './jobs';
import type { JobEvent, JobRecord } from './types';
import { streamWatched } from './watched-stream';

export interface JobRoutesOptions<Q> {
  /** Where the routes are mounted, e.g. `/api/runs`: the created job's URLs start with it. */
  base: string;
  /** The list's key in `GET /`'s body, e.g. `runs`. */
  listKey: string;
  /** Parses and validates a start request (with the shared zod schema); throws a 400 AppError. */
  parse: (body: unknown) => Q;
  /** The hint of a 404: where the user finds the jobs that do exist. */
  notFoundHint: string;
  heartbeatMs?: number;
  /**
   * Where finished jobs are stored as files (their store): `GET /:id` streams the file as stored
   * instead of parsing and serialising it again (a 60 MB run took ~300 MB per request).
   */
  files?: { finishedFile(id: string): string | undefined } | undefined;
}

/**
 * A kind of job's HTTP API, the same for every kind: `POST /` starts one (201 with its URLs),
 * `GET /` lists them, `GET /:id` reads one, `GET /:id/events` follows it (SSE resumed from
 * Last-Event-ID, the stream counted as a viewer), `POST /:id/stop` stops it, `DELETE /:id` removes it.
 */
export function jobRoutes<R extends JobRecord, E extends JobEvent, I, Q>(
  jobs: Jobs<R, E, I, Q>,
  o: JobRoutesOptions<Q>,
): Hono {
  const notFound = (id: string) =>
    new AppError('not_found', `There is no ${jobs.kind.label} with id "${id.slice(0, 64)}".`, {
      status: 404,
      hint: o.notFoundHint,
    });
  return new Hono()
    .post('/', async (c) => {
      const { id } = await jobs.start(o.parse(await c.req.json()));
      const body = { id, eventsUrl: `${o.base}/${id}/events`, url: `${o.base}/${id}` };
      c.header('Location', body.url);
      return c.json(body, 201);
    })
    .get('/', (c) => c.json({ [o.listKey]: jobs.list() }))
    .get('/:id', async (c) => {
      const file = o.files?.finishedFile(c.req.param('id'));
      const stream = file ? await streamFile(file) : undefined;
      if (stream) return c.body(stream, 200, { 'Content-Type': 'application/json' });
      const record = await jobs.get(c.req.param('id'));
      if (!record) throw notFound(c.req.param('id'));
      return c.json(record);
    })
    .get('/:id/events', async (c) => {
      const id = c.req.param('id');
      const res = await streamWatched(c, jobs, id, o.heartbeatMs ? { heartbeatMs: o.heartbeatMs } : {});
      if (!res) throw notFound(id);
      return res;
    })
    .post('/:id/stop', async (c) => {
      const id = c.req.param('id');
      const status = await jobs.stop(id);
      if (!status) throw notFound(id);
      return c.json({ id, status });
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      if (!(await jobs.delete(id))) throw notFound(id);
      return c.body(null, 204);
    });
}
