import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDemoDatabase } from '../src/db/embedded/demo';
import { startEmbedded } from '../src/db/embedded/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test cluster, database `postgres`; `{db}` is replaced by a name. */
    clusterUrlTemplate: string;
    /** The demo shop seeded at a small scale. */
    demoUrl: string;
  }
}

/** Test demo scale: 5,000 users, 25,000 orders. Big enough for real plans, seeded in under a second. */
const TEST_DEMO_SCALE = 0.05;

export default async function setup(project: TestProject) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-test-'));
  const pg = await startEmbedded({ dataDir, durable: false });
  await ensureDemoDatabase(pg.url, TEST_DEMO_SCALE, () => {});
  project.provide('clusterUrlTemplate', pg.url('{db}'));
  project.provide('demoUrl', pg.url('gatherscope_demo'));
  return async () => {
    await pg.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  };
}
