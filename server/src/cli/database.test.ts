import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmbedded } from '../db/embedded/embedded';
import { withClient } from '../db/postgres';
import { openCliDatabase } from './database';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});
const saved = { dataDir: process.env.GATHERSCOPE_DATA_DIR, url: process.env.DATABASE_URL };
beforeEach(() => {
  delete process.env.DATABASE_URL;
});
afterEach(() => {
  process.env.GATHERSCOPE_DATA_DIR = saved.dataDir;
  if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
  if (saved.dataDir === undefined) delete process.env.GATHERSCOPE_DATA_DIR;
});

describe('openCliDatabase', () => {
  it("reuses the running app's embedded cluster and leaves it running, even when it cannot connect", {
    timeout: 60_000,
  }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-cli-db-'));
    dirs.push(dataDir);
    // The app: this process owns the cluster. It has no demo database, so the CLI cannot connect to
    // it; that once made the CLI take the cluster for an orphan and shut the app's database down.
    const app = await startEmbedded({ dataDir, durable: false });
    try {
      process.env.GATHERSCOPE_DATA_DIR = dataDir;
      const db = await openCliDatabase(undefined, () => {});
      expect(db.embedded).toBe(true);
      expect(db.label).toContain('running');
      expect(new URL(db.url).port).toBe(String(app.port));
      await db.stop();
      const one = await withClient(app.url(), async (q) => (await q('SELECT 1 AS one')).rows[0]);
      expect(one).toEqual({ one: 1 });
    } finally {
      await app.stop();
    }
  });
});
