import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { RunRecordSchema } from '@gatherscope/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './config';
import { isAlive } from './db/embedded/process-alive';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null && c.pid) process.kill(-c.pid, 'SIGKILL');
  }
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

/** `npm start` as a terminal runs it: in a process group of its own, which Ctrl-C signals as a whole. */
async function startApp(dataDir: string) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts/start.mjs')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      GATHERSCOPE_DATA_DIR: dataDir,
      GATHERSCOPE_DEMO_SCALE: '0.05',
      GATHERSCOPE_WEB_DIST: '',
      GATHERSCOPE_LOG: 'info',
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line:\n${out}`)), 90_000);
    child.stdout?.on('data', () => {
      const m = /Gatherscope ready at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
  return { child, base, exited, output: () => out };
}

/** The app with a long run in progress (some trials measured, most still to come). */
async function appWithRun() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-ctrl-c-'));
  dirs.push(dataDir);
  const app = await startApp(dataDir);
  const postmaster = Number(
    (await fs.readFile(path.join(dataDir, 'pg/postmaster.pid'), 'utf8')).split('\n')[0],
  );
  expect(isAlive(postmaster)).toBe(true);
  const res = await fetch(`${app.base}/api/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      workload: 'slow-dashboard',
      strategies: ['sequential', 'concurrent'],
      trials: 500,
      warmup: 0,
      detached: true,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 200; i++) {
    const r = RunRecordSchema.parse(await (await fetch(`${app.base}/api/runs/${id}`)).json());
    if (r.trials.length >= 3) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  /** The run was cancelled and saved with its trials, PostgreSQL stopped, the data directory released. */
  const assertStoppedCleanly = async () => {
    const record = RunRecordSchema.parse(
      JSON.parse(await fs.readFile(path.join(dataDir, 'runs', `${id}.json`), 'utf8')),
    );
    expect(record.status, app.output()).toBe('cancelled');
    expect(record.finishedAt).not.toBeNull();
    expect(record.trials.length).toBeGreaterThanOrEqual(3);
    expect(record.trials.length).toBeLessThan(1000);
    expect(isAlive(postmaster)).toBe(false);
    await expect(fs.access(path.join(dataDir, 'pg/postmaster.pid'))).rejects.toThrow();
    await expect(fs.access(path.join(dataDir, 'embedded-owner.json'))).rejects.toThrow();
    expect(app.output()).toContain('run_finished');
  };
  return { ...app, dataDir, assertStoppedCleanly };
}

describe('npm start', () => {
  it('stops cleanly on one Ctrl-C to its process group: the run is cancelled and saved, PostgreSQL stopped', {
    timeout: 150_000,
  }, async () => {
    const app = await appWithRun();
    process.kill(-(app.child.pid as number), 'SIGINT');
    expect(await app.exited, app.output()).toBe(0);
    await app.assertStoppedCleanly();
  });

  it('stops cleanly too when start.mjs is killed outright (SIGKILL of its group)', {
    timeout: 150_000,
  }, async () => {
    const app = await appWithRun();
    const server = Number(
      JSON.parse(await fs.readFile(path.join(app.dataDir, 'embedded-owner.json'), 'utf8')).pid,
    );
    process.kill(-(app.child.pid as number), 'SIGKILL');
    await app.exited;
    // The server, in a process group of its own, notices that start.mjs is gone and shuts down.
    for (let i = 0; i < 300 && isAlive(server); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(server), app.output()).toBe(false);
    await app.assertStoppedCleanly();
  });
});
