import type { EmbedPolicy } from '@gatherscope/shared';
import { Hono } from 'hono';
import type { CaptureManager } from './capture-jobs/manager';
import { captureRoutes, traceRoutes } from './capture-jobs/routes';
import { connectionRoutes } from './connections';
import type { MetaPool } from './db/postgres';
import { AppError } from './errors/app-error';
import { DEFAULT_FRAME_ANCESTORS, embedFrameAncestors } from './export/frame-ancestors';
import { loadTestExportRoutes } from './export/load-routes';
import { exportRoutes } from './export/routes';
import { errorBody, handleError } from './http/error-handler';
import { healthRoutes } from './http/health-routes';
import { applySecurity, type SecurityOptions } from './http/security';
import { mountWebApp } from './http/static';
import type { LoadTestManager } from './load/manager';
import { loadTestRoutes } from './load/routes';
import { loadScriptRoutes } from './load-scripts/routes';
import { type LogFn, requestLogger } from './logging/logger';
import { matrixRoutes } from './matrix/routes';
import type { MatrixService } from './matrix/service';
import type { RunManager } from './runs/manager';
import { runRoutes } from './runs/routes';
import { serverTargets } from './runs/service';
import { newRunId, type RunStore } from './runs/store';
import { savedWorkloadRoutes } from './saved-workloads';
import { builtinCatalog } from './workloads/catalog';
import { workloadRoutes } from './workloads/routes';

export interface AppDeps {
  /** Captures and imported traces (started in main.ts); omitted in tests that do not need them. */
  captures?: CaptureManager | undefined;
  /** Load tests (started in main.ts); omitted in tests that do not need them. */
  loadTests?: LoadTestManager | undefined;
  /** Decision matrix presets (started in main.ts); omitted in tests that do not need them. */
  matrix?: MatrixService | undefined;
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
  /** The store behind `runs`: run imports are saved into it. */
  runStore?: RunStore | undefined;
  /** Sites allowed to frame the embed view (CSP frame-ancestors); default: the app's own origin. */
  frameAncestors?: string[] | undefined;
  /** Allowed hosts and the access token; omitted in API tests (localhost on the default port). */
  security?: SecurityOptions | undefined;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('*', requestLogger(deps.log));
  app.onError(handleError(deps.log));
  // Registered before the security headers so it extends their policy on the way out.
  app.use('/embed/*', embedFrameAncestors(deps.frameAncestors ?? DEFAULT_FRAME_ANCESTORS));
  // Before every route, static files and streams included: Host, Origin, token, body size.
  applySecurity(app, deps.security);
  // API routes: one line per feature.
  app.route('/api/health', healthRoutes(deps));
  if (deps.matrix) app.route('/api/matrix', matrixRoutes({ matrix: deps.matrix, runStore: deps.runStore }));
  if (deps.loadTests) {
    app.route('/api/load-tests', loadTestRoutes(deps.loadTests));
    const tests = deps.loadTests;
    const exportDeps = {
      tests,
      files: tests.store,
      store: tests.store,
      newId: newRunId,
      webDist: deps.webDist,
    };
    app.route('/api/load-tests', loadTestExportRoutes(exportDeps));
  }
  if (deps.captures) {
    const resolveTarget = serverTargets(deps);
    app.route('/api/captures', captureRoutes({ captures: deps.captures, runs: deps.runs, resolveTarget }));
    app.route('/api/traces', traceRoutes(deps.captures));
  }
  const frameAncestors = deps.frameAncestors ?? DEFAULT_FRAME_ANCESTORS;
  app.get('/api/embed/policy', (c) => c.json({ frameAncestors } satisfies EmbedPolicy));
  app.route('/api/connections', connectionRoutes({ dataDir: deps.dataDir }));
  app.route('/api/saved-workloads', savedWorkloadRoutes({ dataDir: deps.dataDir }));
  app.route('/api/load-scripts', loadScriptRoutes({ workloads: builtinCatalog }));
  if (deps.runs) app.route('/api/runs', runRoutes({ runs: deps.runs, files: deps.runStore }));
  app.route('/api/workloads', workloadRoutes({ resolveTarget: serverTargets(deps) }));
  if (deps.runs && deps.runStore) {
    app.route(
      '/api/runs',
      exportRoutes({
        runs: deps.runs,
        store: deps.runStore,
        files: deps.runStore,
        newRunId,
        webDist: deps.webDist,
      }),
    );
  }
  app.all('/api/*', (c) => {
    throw new AppError('not_found', `No API route ${c.req.method} ${c.req.path}.`, { status: 404 });
  });
  if (deps.webDist) mountWebApp(app, deps.webDist);
  app.notFound((c) =>
    c.json(errorBody(new AppError('not_found', `Nothing at ${c.req.path}.`, { status: 404 })), 404),
  );
  return app;
}
