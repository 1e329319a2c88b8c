import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_DATABASE, ensureDemoDatabase } from '../src/db/embedded/demo';
import { startEmbedded } from '../src/db/embedded/embedded';

/** What every benchmark section gets: a private embedded PostgreSQL with the demo shop. */
export interface BenchContext {
  /** The demo shop database. */
  url: string;
  /** Superuser URL of another database on the same cluster. */
  clusterUrl: (db?: string) => string;
  scale: number;
  log: (line: string) => void;
}

export interface BenchSectionResult {
  /** Printed under the section's title. */
  table: string;
  /** Written to the JSON results under the section's id. */
  results: unknown;
}

/** One part of `npm run bench`, in a file of its own, registered in sections.ts. */
export interface BenchSection {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchSectionResult>;
}

export interface BenchDatabase extends BenchContext {
  stop(): Promise<void>;
}

/** Starts a throwaway cluster in a temp directory, seeds the demo shop at `scale`, removes it all on stop. */
export async function startBenchDatabase(scale: number, log: (line: string) => void): Promise<BenchDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-bench-'));
  const pg = await startEmbedded({ dataDir, durable: false });
  try {
    const t0 = performance.now();
    await ensureDemoDatabase(pg.url, scale, log);
    log(`demo shop at scale ${scale} ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } catch (err) {
    await pg.stop().catch(() => {});
    await fs.rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: pg.url(DEMO_DATABASE),
    clusterUrl: pg.url,
    scale,
    log,
    stop: async () => {
      await pg.stop().catch(() => {});
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
