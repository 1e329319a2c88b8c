import type { Health } from '@gatherscope/shared';
import { Hono } from 'hono';
import { describeDatabase, type MetaPool } from '../db/postgres';
import { isAppError } from '../errors/app-error';

export const APP_VERSION = '0.1.0';

export function healthRoutes(deps: { meta: MetaPool; embedded: boolean }) {
  const started = performance.now();
  return new Hono().get('/', async (c) => {
    const uptimeSeconds = Math.round((performance.now() - started) / 1000);
    try {
      const database = await describeDatabase(deps.meta, deps.embedded);
      return c.json({ status: 'ok', version: APP_VERSION, uptimeSeconds, database } satisfies Health);
    } catch (err) {
      const t = deps.meta.target;
      const body: Health = {
        status: 'degraded',
        version: APP_VERSION,
        uptimeSeconds,
        database: {
          reachable: false,
          embedded: deps.embedded,
          host: t.host,
          port: t.port,
          database: t.database,
          message: isAppError(err) ? err.message : 'The database did not answer.',
          ...(isAppError(err) && err.hint ? { hint: err.hint } : {}),
        },
      };
      // 200 with status "degraded": the app itself is up and keeps serving.
      return c.json(body);
    }
  });
}
