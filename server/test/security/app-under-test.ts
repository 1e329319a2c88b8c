import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { type AppDeps, createApp } from '../../src/app';
import { createCaptures } from '../../src/capture-jobs/service';
import { createMetaPool, type MetaPool } from '../../src/db/postgres';
import { AllowedHosts, type SecurityOptions } from '../../src/http/security';
import { createLoadTests } from '../../src/load/service';
import { createMatrixService } from '../../src/matrix/create';
import { createRuns } from '../../src/runs/service';

export const PORT = 4317;
export const GOOD_HOST = `127.0.0.1:${PORT}`;
export const GOOD_ORIGIN = `http://${GOOD_HOST}`;

export interface AppUnderTest {
  app: Hono;
  meta: MetaPool;
  dataDir: string;
  /** Where runs are stored: a test can plant one (an imported run carries any workload). */
  runStore: Awaited<ReturnType<typeof createRuns>>['runStore'];
  close(): Promise<void>;
}

/**
 * The real app wired as main.ts wires it (runs, load tests, decision matrix, connections…), so every
 * route exists, with a throwaway data dir and a built-looking web app for static files.
 */
export async function appUnderTest(
  databaseUrl: string,
  security: Partial<SecurityOptions> = {},
  extra: Partial<AppDeps> = {},
): Promise<AppUnderTest> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-sec-'));
  const webDist = path.join(dataDir, 'web');
  await fs.mkdir(path.join(webDist, 'assets'), { recursive: true });
  await fs.writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>Gatherscope</title>');
  await fs.writeFile(path.join(webDist, 'assets', 'app.js'), 'console.log(1)');
  const meta = createMetaPool(databaseUrl);
  const log = () => {};
  const services = { dataDir, databaseUrl, embedded: true, log };
  const { runs, runStore } = await createRuns(services);
  const loadTests = await createLoadTests(services);
  const matrix = await createMatrixService(services);
  const captures = await createCaptures(services);
  const app = createApp({
    meta,
    databaseUrl,
    embedded: true,
    dataDir,
    log,
    webDist,
    runs,
    runStore,
    loadTests,
    matrix,
    captures,
    security: { hosts: new AllowedHosts({ port: PORT }), ...security },
    ...extra,
  });
  return {
    app,
    meta,
    dataDir,
    runStore,
    close: async () => {
      await runs.shutdown();
      await loadTests.shutdown();
      await captures.shutdown();
      await matrix.close();
      await meta.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RouteProbe {
  method: string;
  path: string;
}

/**
 * Every concrete route the app has (middleware excluded), with parameters filled in, so that a
 * route added later is probed without touching the tests.
 */
export function enumerateRoutes(app: Hono): RouteProbe[] {
  const seen = new Set<string>();
  const probes: RouteProbe[] = [];
  for (const r of app.routes) {
    const isMiddleware = r.method === 'ALL' && (r.path === '/*' || r.path === '*');
    if (isMiddleware) continue;
    const concrete = r.path.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?\??/g, 'probe-id').replace(/\*/g, 'probe');
    const methods = r.method === 'ALL' ? ['GET', 'POST'] : [r.method];
    for (const method of methods) {
      const key = `${method} ${concrete}`;
      if (seen.has(key)) continue;
      seen.add(key);
      probes.push({ method, path: concrete });
    }
  }
  // Static files and SPA pages are served by middleware: probe them explicitly.
  probes.push({ method: 'GET', path: '/' }, { method: 'GET', path: '/assets/app.js' });
  return probes;
}
