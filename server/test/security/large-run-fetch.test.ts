import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ImportedRunSchema, RUN_EXPORT_FORMAT, type RunRecord } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type SpawnedServer, spawnServer } from '../spawned-server';
import { sampleRun } from '../support/sample-run';

const MB = 1024 * 1024;

/** A valid finished run of about `mb` megabytes of JSON: the sample's trials, many times over. */
function largeRun(mb: number): RunRecord {
  const base = sampleRun();
  const one = JSON.stringify(base.trials).length;
  const copies = Math.ceil((mb * MB) / one);
  return { ...base, trials: Array.from({ length: copies }, () => base.trials).flat() };
}

/** GETs `paths` at once from a child process; resolves with the size of each body. */
function fetchInParallel(base: string, paths: string[]): Promise<number[]> {
  const script = `
    const http = require('node:http');
    const [base, ...paths] = process.argv.slice(1);
    Promise.all(paths.map((p) => new Promise((resolve, reject) => {
      http.get(base + p, { headers: { origin: base } }, (res) => {
        let n = 0;
        res.on('data', (c) => { n += c.length; });
        res.on('end', () => resolve(n));
      }).on('error', reject);
    }))).then((sizes) => console.log(JSON.stringify(sizes)));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, base, ...paths], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`exit ${code}`)),
    );
  });
}

/**
 * Eight parallel fetches of a 60 MB imported run (issue #12: 2.6 GB, /api/health 8 s): the stored
 * file streams from disk, exports built in memory take turns, and the server stays responsive.
 */
describe('large stored runs are streamed', () => {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = await spawnServer(inject('demoUrl'));
  }, 60_000);
  afterAll(() => server?.stop());

  it('eight parallel fetches of a 60 MB run keep memory and /api/health in bounds', {
    timeout: 120_000,
  }, async () => {
    const { base } = server;
    const headers = { origin: base, 'content-type': 'application/json' };
    const run = largeRun(60);
    const body = JSON.stringify({ format: RUN_EXPORT_FORMAT, version: 1, exportedAt: '', app: '', run });
    const imported = await fetch(`${base}/api/runs/import`, { method: 'POST', headers, body });
    expect(imported.status).toBe(201);
    const { id } = ImportedRunSchema.parse(await imported.json());

    const before = await server.rss();
    let peak = before;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await server.rss());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    let slowestHealthMs = 0;
    const health = (async () => {
      while (sampling) {
        const t0 = performance.now();
        await fetch(`${base}/api/health`, { headers });
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - t0);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const t0 = performance.now();
    // Fetched by a process of their own (as eight browsers would), read and dropped as they come,
    // so that this process only times /api/health.
    const sizes = await fetchInParallel(base, [
      ...[1, 2, 3, 4].map(() => `/api/runs/${id}`),
      ...[1, 2, 3, 4].map(() => `/api/runs/${id}/export.json`),
    ]);
    const ms = performance.now() - t0;
    sampling = false;
    await Promise.all([sampler, health]);
    console.log(
      `8 parallel fetches of a ${Math.round(sizes[0]! / MB)} MB run: ${Math.round(ms)} ms; server RSS ${Math.round(before / MB)} → peak ${Math.round(peak / MB)} MB; slowest /api/health ${Math.round(slowestHealthMs)} ms`,
    );
    for (const s of sizes) expect(s).toBeGreaterThan(55 * MB);
    expect(peak - before).toBeLessThan(150 * MB);
    expect(slowestHealthMs).toBeLessThan(1_000);

    // What streams is the stored file itself, byte for byte, and the export wraps it.
    const stored = await fs.readFile(path.join(server.dataDir, 'runs', `${id}.json`));
    const fetched = Buffer.from(await (await fetch(`${base}/api/runs/${id}`, { headers })).arrayBuffer());
    expect(fetched.equals(stored)).toBe(true);
    const exported = JSON.parse(
      await (await fetch(`${base}/api/runs/${id}/export.json`, { headers })).text(),
    ) as { format: string; run: RunRecord };
    expect(exported.format).toBe(RUN_EXPORT_FORMAT);
    expect(exported.run.id).toBe(id);
    expect(exported.run.trials.length).toBe(run.trials.length);
  });
});
