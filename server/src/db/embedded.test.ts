import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './embedded';
import { withClient } from './postgres';

const dirs: string[] = [];
async function tempDir() {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-embedded-test-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

const ping = (url: string) => withClient(url, async (q) => (await q('SELECT 1 AS one')).rows[0]);

describe('embedded PostgreSQL', () => {
  it('recovers when an earlier app died and left its PostgreSQL running (kill -9)', async () => {
    const dataDir = await tempDir();
    const first = await startEmbedded({ dataDir, durable: false });
    await expect(ping(first.url())).resolves.toEqual({ one: 1 });
    const pidLine = (await fs.readFile(path.join(dataDir, 'pg/postmaster.pid'), 'utf8')).split('\n')[0];
    // A second start on the same directory while the first cluster still runs: what a restart after
    // SIGKILL of the app looks like. It must shut the orphan down and come up on its own.
    const second = await startEmbedded({ dataDir, durable: false });
    try {
      expect(() => process.kill(Number(pidLine), 0)).toThrow();
      await expect(ping(second.url())).resolves.toEqual({ one: 1 });
    } finally {
      await second.stop();
    }
  });

  it('starts over a stale postmaster.pid whose process is gone', async () => {
    const dataDir = await tempDir();
    const a = await startEmbedded({ dataDir, durable: false });
    await a.stop();
    await fs.writeFile(path.join(dataDir, 'pg/postmaster.pid'), '999999\n/nowhere\n');
    const b = await startEmbedded({ dataDir, durable: false });
    try {
      await expect(ping(b.url())).resolves.toEqual({ one: 1 });
    } finally {
      await b.stop();
    }
  });

  it('keeps its credentials owner-only and listens on loopback only', async () => {
    const dataDir = await tempDir();
    const pg = await startEmbedded({ dataDir, durable: false });
    try {
      const mode = (await fs.stat(path.join(dataDir, 'embedded-credentials.json'))).mode & 0o777;
      expect(mode).toBe(0o600);
      const row = await withClient(
        pg.url(),
        async (q) => (await q(`SELECT current_setting('listen_addresses') AS l`)).rows[0],
      );
      expect(row).toEqual({ l: '127.0.0.1' });
    } finally {
      await pg.stop();
    }
  });
});
