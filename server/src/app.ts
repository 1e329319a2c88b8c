import { Hono } from 'hono';
import type { MetaPool } from './db/postgres';
import { errorBody, handleError } from './http/error-handler';
import { AppError } from './http/errors';
import { type LogFn, requestLogger } from './http/logger';
import { mountWebApp } from './http/static';
import { healthRoutes } from './routes/health';
import type { RunManager } from './runs/manager';
import { runRoutes } from './runs/routes';

export interface AppDeps {
  meta: MetaPool;
  /** URL of the default database (embedded demo or DATABASE_URL). Server-side only, never sent out. */
  databaseUrl: string;
  embedded: boolean;
  /** Gatherscope's state directory (stored runs, saved connections). */
  dataDir: string;
  log: LogFn;
  /** Directory of the built web app; omitted in API tests. */
  webDist?: string | undefined;
  /** Profiling runs (started in main.ts); omitted in tests that do not need them. */
  runs?: RunManager | undefined;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('*', requestLogger(deps.log));
  app.onError(handleError(deps.log));
  // API routes: one line per feature.
  app.route('/api/health', healthRoutes(deps));
  if (deps.runs) app.route('/api/runs', runRoutes({ runs: deps.runs }));
  app.all('/api/*', (c) => {
    throw new AppError('not_found', `No API route ${c.req.method} ${c.req.path}.`, { status: 404 });
  });
  if (deps.webDist) mountWebApp(app, deps.webDist);
  app.notFound((c) =>
    c.json(errorBody(new AppError('not_found', `Nothing at ${c.req.path}.`, { status: 404 })), 404),
  );
  return app;
}
