import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiErrorSchema, HealthSchema } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/config';
import { freePort } from '../../src/db/embedded/free-port';
import { type AppUnderTest, appUnderTest, GOOD_HOST } from '../security/app-under-test';

const SECRET = 'n0t-to-be-seen';

describe('the database cannot be reached', () => {
  let downUrl: string;
  let t: AppUnderTest;
  beforeAll(async () => {
    // A port nothing listens on.
    downUrl = `postgres://someone:${SECRET}@127.0.0.1:${await freePort()}/shop`;
    t = await appUnderTest(downUrl);
  });
  afterAll(() => t?.close());

  const call = (p: string, init: RequestInit = {}) =>
    t.app.request(`http://${GOOD_HOST}${p}`, {
      ...init,
      headers: { host: GOOD_HOST, 'content-type': 'application/json' },
    });

  it('at run time: a run and a load test are refused with host, port and cause, and no password', async () => {
    const port = new URL(downUrl).port;
    for (const [p, body] of [
      ['/api/runs', { workload: 'user-dashboard', strategies: ['sequential'], trials: 1, warmup: 0 }],
      [
        '/api/load-tests',
        {
          workload: 'user-dashboard',
          strategies: ['sequential'],
          model: { kind: 'closed', vus: 1 },
          durationS: 1,
        },
      ],
    ] as const) {
      const res = await call(p, { method: 'POST', body: JSON.stringify(body) });
      const text = await res.text();
      expect(text).not.toContain(SECRET);
      if (res.status === 400) throw new Error(`${p} refused the request itself: ${text}`);
      expect(res.status, p).toBe(503);
      const err = ApiErrorSchema.parse(JSON.parse(text)).error;
      expect(err.code).toBe('database_unreachable');
      expect(err.message).toContain(`127.0.0.1:${port}`);
      expect(err.message).toMatch(/refused/);
      expect(err.hint).toBeTruthy();
    }
    // The app keeps serving.
    const health = HealthSchema.parse(await (await call('/api/health')).json());
    expect(health.status).toBe('degraded');
  });

  it('at start: the server comes up anyway and says the database is down', { timeout: 60_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-down-'));
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'server/src/main.ts'],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: downUrl,
          PORT: '0',
          GATHERSCOPE_WEB_DIST: '',
          GATHERSCOPE_DATA_DIR: dataDir,
          GATHERSCOPE_LOG: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line:\n${out}`)), 45_000);
        const check = () => {
          const m = /Gatherscope ready at (http:\/\/\S+)/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        };
        child.stdout.on('data', check);
        child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
      });
      const health = HealthSchema.parse(await (await fetch(`${base}/api/health`)).json());
      expect(health.status).toBe('degraded');
      if (health.database.reachable) throw new Error('expected unreachable');
      expect(health.database.message).toContain(new URL(downUrl).port);
      expect(out).not.toContain(SECRET);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
