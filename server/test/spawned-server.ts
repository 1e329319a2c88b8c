import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../src/config';

export interface SpawnedServer {
  base: string;
  child: ChildProcess;
  dataDir: string;
  /** The server process's resident memory now, in bytes (what its process.memoryUsage().rss says). */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The real server (`tsx src/main.ts`) in a process of its own against `databaseUrl`, so that its
 * memory is measured alone, not with the test runner's. Resolves once it says it is ready.
 */
export async function spawnServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<SpawnedServer> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-spawned-'));
  // `--import tsx` in this very process (the tsx CLI would run the server in a child of its own).
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      GATHERSCOPE_WEB_DIST: '',
      GATHERSCOPE_DATA_DIR: dataDir,
      GATHERSCOPE_LOG: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await fs.rm(dataDir, { recursive: true, force: true });
  };
  try {
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line:\n${out}`)), 45_000);
      const check = () => {
        const m = /Gatherscope ready at (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1].replace(/\/$/, ''));
        }
      };
      child.stdout!.on('data', check);
      child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
    });
    const rss = async () => {
      const status = await fs.readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return Number(kb ?? 0) * 1024;
    };
    return { base, child, dataDir, rss, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
