import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withClient } from '../postgres';
import { DataDirInUseError } from './cluster-owner';
import { startEmbedded } from './embedded';
import { isAlive } from './process-alive';

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
  it('recovers when an earlier app died and left its PostgreSQL running (kill -9), and says so', {
    timeout: 90_000,
  }, async () => {
    const dataDir = await tempDir();
    // An app of its own that starts the cluster, then dies without stopping it.
    const app = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { startEmbedded } from ${JSON.stringify(path.resolve(import.meta.dirname, 'embedded.ts'))};
         await startEmbedded({ dataDir: process.argv[1], durable: false });
         console.log('ready');`,
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      app.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      app.once('exit', (code) => reject(new Error(`the first app exited with ${code}`)));
    });
    const orphan = Number(
      (await fs.readFile(path.join(dataDir, 'pg/postmaster.pid'), 'utf8')).split('\n')[0],
    );
    app.kill('SIGKILL');
    await new Promise((r) => app.once('exit', r));
    expect(isAlive(orphan)).toBe(true);

    const notices: string[] = [];
    const second = await startEmbedded({ dataDir, durable: false, notice: (l) => notices.push(l) });
    try {
      expect(isAlive(orphan)).toBe(false);
      expect(notices.join('\n')).toContain(`orphaned PostgreSQL (pid ${orphan})`);
      await expect(ping(second.url())).resolves.toEqual({ one: 1 });
    } finally {
      await second.stop();
    }
  });

  it('refuses a second app on a data directory whose owner lives, and leaves its PostgreSQL alone', async () => {
    const dataDir = await tempDir();
    const first = await startEmbedded({ dataDir, durable: false });
    try {
      const owner = path.join(dataDir, 'embedded-owner.json');
      expect((await fs.stat(owner)).mode & 0o777).toBe(0o600);
      const err = await startEmbedded({ dataDir, durable: false }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataDirInUseError);
      expect((err as DataDirInUseError).pid).toBe(process.pid);
      expect((err as Error).message).toContain(`pid ${process.pid}`);
      expect((err as Error).message).toContain('GATHERSCOPE_DATA_DIR');
      await expect(ping(first.url())).resolves.toEqual({ one: 1 });
      await first.stop();
      await expect(fs.access(owner)).rejects.toThrow();
    } finally {
      await first.stop();
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
