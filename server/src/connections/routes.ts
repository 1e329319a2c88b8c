import { ConnectionTestSchema, NewConnectionSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { parseInput } from '../input/parse-input';
import { probeConnection } from './probe';
import {
  connectionNotFound,
  newStoredConnection,
  publicConnection,
  readConnections,
  resolveConnectionUrl,
  updateConnections,
} from './store';

/** `/api/connections`: saved connections to the user's own databases. Passwords never leave the server. */
export function connectionRoutes(deps: { dataDir: string; probe?: typeof probeConnection }) {
  const probe = deps.probe ?? probeConnection;
  return new Hono()
    .get('/', async (c) => {
      const list = await readConnections(deps.dataDir);
      return c.json({ connections: list.map(publicConnection) });
    })
    .post('/', async (c) => {
      const { name, url, allowWrites, trustedFunctions } = parseInput(
        NewConnectionSchema,
        await c.req.json(),
        'connection',
        'Give it a name and a URL of the form postgres://user:password@host:5432/database',
      );
      // Test before saving: a connection that cannot connect is not worth keeping.
      await probe(url);
      const stored = newStoredConnection(name, url, allowWrites, trustedFunctions);
      await updateConnections(deps.dataDir, (list) => ({ list: [...list, stored], result: null }));
      return c.json(publicConnection(stored), 201);
    })
    .post('/:id/test', async (c) => {
      const { url } = await resolveConnectionUrl(deps.dataDir, c.req.param('id'));
      return c.json(ConnectionTestSchema.parse(await probe(url)));
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      const removed = await updateConnections(deps.dataDir, (list) => ({
        list: list.filter((x) => x.id !== id),
        result: list.some((x) => x.id === id),
      }));
      if (!removed) throw connectionNotFound(id);
      return c.body(null, 204);
    });
}
