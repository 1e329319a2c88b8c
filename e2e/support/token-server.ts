import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canListen, pickPort } from './app-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BOOT_TIMEOUT_MS = 90_000;
// The server gives its own shutdown 20 s before it exits anyway.
const STOP_TIMEOUT_MS = 25_000;

/** A second Gatherscope listening beyond loopback, so every request needs its token. */
export interface TokenServer {
  /** Where the browser goes: loopback only, although the server listens on every interface. */
  baseURL: string;
  port: number;
  token: string;
  /** SIGTERM, wait until the server (and its PostgreSQL) exited, remove the data directory. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function timeout(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}

/** Its own process group, so a server that ignores SIGTERM can still be killed with its PostgreSQL. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Boots the real app (`scripts/start.mjs`) on a throwaway data directory and waits until it listens. */
export async function startTokenServer(): Promise<TokenServer> {
  // The server binds 0.0.0.0: the port must be free on every interface.
  const port = await pickPort('the token-mode app', (p) => canListen(p, '0.0.0.0'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatherscope-e2e-token-'));
  const {
    DATABASE_URL: _db,
    GATHERSCOPE_ALLOWED_HOSTS: _hosts,
    GATHERSCOPE_PG_PORT: _pg,
    ...env
  } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      PORT: String(port),
      GATHERSCOPE_HOST: '0.0.0.0',
      GATHERSCOPE_DATA_DIR: dataDir,
      GATHERSCOPE_DEMO_SCALE: '0.05',
      GATHERSCOPE_PG_FSYNC: 'off',
      GATHERSCOPE_LOG: 'silent',
    },
  });
  // If the test runner dies without afterAll, do not leave a server and its PostgreSQL behind.
  const onExit = () => killGroup(child, 'SIGTERM');
  process.once('exit', onExit);

  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      killGroup(child, 'SIGTERM');
      if ((await Promise.race([exited(child), timeout(STOP_TIMEOUT_MS)])) === 'timeout') {
        killGroup(child, 'SIGKILL');
        await exited(child);
      }
      process.off('exit', onExit);
      fs.rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const readyLine = new RegExp(`Gatherscope ready at http://\\S+:${port}\\b`);
  const ready = new Promise<'ready'>((resolve) => {
    child.stdout?.on('data', () => {
      if (readyLine.test(output)) resolve('ready');
    });
  });
  const outcome = await Promise.race([
    ready,
    exited(child).then(() => 'exited' as const),
    timeout(BOOT_TIMEOUT_MS),
  ]);
  if (outcome !== 'ready') {
    await stop();
    // The printed login URL carries the token: never let it reach a test report.
    const shown = output.replace(/token=[\w-]+/g, 'token=…');
    throw new Error(`The token-mode app ${outcome === 'exited' ? 'exited' : 'did not start'}:\n${shown}`);
  }
  const token = fs.readFileSync(path.join(dataDir, 'auth-token'), 'utf8').trim();
  return { baseURL: `http://127.0.0.1:${port}`, port, token, stop };
}
