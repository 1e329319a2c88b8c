// Test support only: an app with a run manager over a throwaway store.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../src/app';
import { createMetaPool } from '../../src/db/postgres';
import type { RunProfile } from '../../src/engine/types';
import { GuardCatalog } from '../../src/guard/catalog';
import type { SecurityOptions } from '../../src/http/security';
import { RunManager, type RunManagerOptions } from '../../src/runs/manager';
import { RunStore } from '../../src/runs/store';
import type { TargetResolver } from '../../src/targets/targets';
import type { WorkloadCatalog } from '../../src/workloads/catalog';
import { twoQueryWorkload } from './test-double';

export const oneWorkloadCatalog: WorkloadCatalog = {
  get: (name) => (name === 'two-queries' ? twoQueryWorkload : undefined),
  names: () => ['two-queries'],
};

export const fixedTarget =
  (url: string): TargetResolver =>
  async () => ({
    url,
    database: { name: 'gatherscope_demo', label: 'Embedded demo shop', serverVersion: '16', embedded: true },
    readOnly: true,
  });

/**
 * A catalog without a database (these apps have none): pg_catalog on the path, no functions. The
 * policy still parses and judges statement kinds; a call is refused as unknown.
 */
export const emptyCatalog = async () =>
  new GuardCatalog({
    searchPath: ['pg_catalog', 'public'],
    standardConformingStrings: true,
    functions: [],
    operators: [],
    castTargets: [],
    hidden: [],
    relations: [],
  });

export interface TestRunApp {
  app: Hono;
  runs: RunManager;
  dataDir: string;
  close(): Promise<void>;
}

export async function testRunApp(
  opts: {
    runProfile: RunProfile;
    url: string;
    dataDir?: string;
    security?: SecurityOptions;
  } & Partial<RunManagerOptions>,
): Promise<TestRunApp> {
  const dataDir = opts.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'gs-runs-')));
  const store = await RunStore.open(dataDir, () => {});
  const runs = new RunManager({
    store,
    workloads: oneWorkloadCatalog,
    resolveTarget: fixedTarget(opts.url),
    log: () => {},
    catalogOf: emptyCatalog,
    ...opts,
  });
  const meta = createMetaPool(opts.url);
  const app = createApp({
    meta,
    databaseUrl: opts.url,
    embedded: true,
    dataDir,
    log: () => {},
    runs,
    runStore: store,
    security: opts.security,
  });
  return {
    app,
    runs,
    dataDir,
    close: async () => {
      await runs.shutdown();
      await meta.close();
    },
  };
}

/** `POST /api/runs` with a JSON body. */
export const postRun = (t: Pick<TestRunApp, 'app'>, body: unknown) =>
  t.app.request('/api/runs', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
  });
