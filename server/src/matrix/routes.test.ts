import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  DetectorReportSchema,
  MatrixSchema,
  MeasurementSchema,
  type RunRecord,
  RunSettingsSchema,
  WhatIfResponseSchema,
} from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../app';
import { createMetaPool } from '../db/postgres';
import { createProfiler } from '../engine/profiler';
import { newRunId, RunStore } from '../runs/store';
import { createTargetResolver } from '../targets/targets';
import { getBuiltinWorkload } from '../workloads/builtin';
import { presets } from './presets';
import { MatrixService } from './service';
import { MatrixStore } from './store';

describe('/api/matrix', () => {
  const meta = createMetaPool(inject('demoUrl'));
  let dir: string;
  let matrix: MatrixService;
  let app: ReturnType<typeof createApp>;
  let runStore: RunStore;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-matrix-'));
    runStore = await RunStore.open(dir, () => {});
    matrix = new MatrixService({
      databaseUrl: inject('demoUrl'),
      embedded: true,
      store: await MatrixStore.open(dir, () => {}),
      presets: { 'blog-cms': presets['blog-cms'], gateway: presets.gateway },
      createProfiler,
      log: () => {},
      // A saved connection "demo-copy" that points at the demo database (writes allowed: the
      // confirmation must stay read-only anyway).
      resolveTarget: createTargetResolver({
        databaseUrl: inject('demoUrl'),
        embedded: true,
        lookupConnection: async (id) => {
          if (id !== 'demo-copy') throw new Error(`no connection ${id}`);
          return { url: inject('demoUrl'), name: 'demo copy', allowWrites: true };
        },
      }),
    });
    app = createApp({
      meta,
      databaseUrl: inject('demoUrl'),
      embedded: true,
      dataDir: dir,
      log: () => {},
      matrix,
      runStore,
    });
  });
  afterAll(async () => {
    await matrix.close();
    await meta.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('stops the preset in progress on request: the matrix is free at once and the preset says it was stopped', async () => {
    const preset = matrix.run('blog-cms', { confirmHeavy: false }, new AbortController().signal);
    const outcome = preset.then(
      () => 'completed',
      (e: { message: string; status: number }) => `${e.status} ${e.message}`,
    );
    const running = async () => MatrixSchema.parse(await (await app.request('/api/matrix')).json()).running;
    await expect.poll(running).toEqual(['blog-cms']);
    expect((await app.request('/api/matrix/stop', { method: 'POST' })).status).toBe(204);
    expect(await outcome).toBe('409 The preset "Blog or CMS" was stopped.');
    expect(await running()).toEqual([]);
  });

  it('lists every scenario with its usual verdict, then runs a preset and keeps its measurement across a restart', async () => {
    const before = MatrixSchema.parse(await (await app.request('/api/matrix')).json());
    expect(before.scenarios).toHaveLength(11);
    expect(before.scenarios.find((s) => s.id === 'gateway')?.usualVerdict).toBe('concurrent');
    expect(before.scenarios.every((s) => s.latest === null)).toBe(true);
    expect(before.database).toEqual({ label: 'the embedded demo shop', embedded: true });

    const res = await app.request('/api/matrix/scenarios/blog-cms/run', { method: 'POST' });
    expect(res.status).toBe(200);
    const m = MeasurementSchema.parse(await res.json());
    expect(m.scenario).toBe('blog-cms');
    expect(m.baseline.samples).toBe(30);
    expect(m.reason).toContain('sequential');
    expect(m.basis).toBe('latency');
    expect(m.database).toBe('the embedded demo shop');

    const reopened = await MatrixStore.open(dir, () => {});
    expect(reopened.latest('blog-cms')).toEqual(m);
  });

  it('names the problem of a bad scenario or a missing preset', async () => {
    const bad = await app.request('/api/matrix/scenarios/nope/run', { method: 'POST' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const missing = await app.request('/api/matrix/scenarios/checkout/run', { method: 'POST' });
    expect(missing.status).toBe(404);
    const tooSlow = await app.request('/api/matrix/scenarios/gateway/run', {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 5001 }),
    });
    expect(tooSlow.status).toBe(400);
    expect(await tooSlow.json()).toMatchObject({ error: { issues: [{ path: 'latencyMs' }] } });
    const notMocked = await app.request('/api/matrix/scenarios/blog-cms/run', {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 50 }),
    });
    expect(notMocked.status).toBe(400);
    expect(await notMocked.json()).toMatchObject({ error: { issues: [{ path: 'latencyMs' }] } });
  });

  it('runs the gateway with the latency asked for, and shows it in the measurement', async () => {
    const res = await app.request('/api/matrix/scenarios/gateway/run', {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 30 }),
    });
    expect(res.status).toBe(200);
    const m = MeasurementSchema.parse(await res.json());
    expect(m.facts).toContainEqual({
      label: 'mock latency per call',
      value: 'users 30 ms, inventory 30 ms, pricing 30 ms',
    });
    // Three 30 ms calls one after another: at least 90 ms; at once, at least 30 ms (wide margins above).
    expect(m.baseline.medianMs).toBeGreaterThanOrEqual(89);
    expect(m.baseline.medianMs).toBeLessThan(250);
    expect(m.treatment.medianMs).toBeGreaterThanOrEqual(29);
    expect(m.treatment.medianMs).toBeLessThan(m.baseline.medianMs);
  });

  it('predicts with the what-if model and validates its input', async () => {
    const input = {
      queries: 4,
      queryMs: 75,
      rttMs: 0,
      dependencies: 'independent',
      cpuMsPerRequest: 0,
      poolSize: 10,
      dbCores: 2,
      ratePerSec: 0,
    };
    const res = await app.request('/api/matrix/what-if', { method: 'POST', body: JSON.stringify(input) });
    const body = WhatIfResponseSchema.parse(await res.json());
    expect(body.prediction.sequential.aloneMs).toBe(300);
    expect(body.prediction.concurrent.aloneMs).toBe(75);
    expect(body.curve.length).toBeGreaterThan(10);
    const bad = await app.request('/api/matrix/what-if', {
      method: 'POST',
      body: JSON.stringify({ ...input, poolSize: 0 }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { issues: [{ path: 'poolSize' }] } });
  });

  it('flags the slow dashboard’s consecutive queries in a stored run and confirms the saving by measuring it', async () => {
    const workload = getBuiltinWorkload('slow-dashboard');
    const settings = RunSettingsSchema.parse({ strategies: ['sequential'], trials: 3, warmup: 0 });
    const profiler = await createProfiler({ url: inject('demoUrl'), workload, settings });
    const trials = [];
    for (let t = 0; t < 3; t++) trials.push(await profiler.runTrial('sequential', { trial: t }));
    await profiler.close();
    const run: RunRecord = {
      id: newRunId(),
      kind: 'profile',
      createdAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      status: 'completed',
      settings,
      workload,
      target: { kind: 'connection', id: 'demo-copy' },
      database: { name: 'gatherscope_demo', label: 'demo', serverVersion: '16', embedded: true },
      trials: trials.map(({ cancelled: _c, ...t }) => ({ ...t, warmup: false })),
      summary: null,
      error: null,
    };
    await runStore.save(run);

    const report = DetectorReportSchema.parse(
      await (await app.request(`/api/matrix/runs/${run.id}/consecutive`)).json(),
    );
    expect(report.findings).toHaveLength(3);
    expect(report.findings[0]?.parallelizable).toHaveLength(4);
    // Delays 50 + 100 + 80 + 70: saving = 300 − 100 = 200 ms, plus what each query took beyond its
    // delay. At most the slowest trial's total less its longest delay: the model subtracts the
    // longest query (the exact sums are detector.test.ts's; a busy machine stretches them here).
    expect(report.predictedSavingMs!).toBeGreaterThan(190);
    const slowest = Math.max(...run.trials.map((t) => t.spans.reduce((ms, s) => ms + s.end - s.start, 0)));
    expect(report.predictedSavingMs!).toBeLessThanOrEqual(slowest - 100);

    // While a preset measures, a confirmation would measure it too: refused with a clear 429.
    const preset = matrix.run('blog-cms', { confirmHeavy: false }, new AbortController().signal);
    const busy = await app.request(`/api/matrix/runs/${run.id}/consecutive/confirm`, { method: 'POST' });
    expect(busy.status).toBe(429);
    expect(await busy.json()).toMatchObject({
      error: { code: 'run_limit_reached', message: 'The preset "Blog or CMS" is still running.' },
    });
    await preset;

    // The run's own target (a saved connection) is resolved and measured, read-only.
    const res = await app.request(`/api/matrix/runs/${run.id}/consecutive/confirm`, { method: 'POST' });
    expect(res.status).toBe(200);
    const confirmed = DetectorReportSchema.parse(await res.json());
    expect(confirmed.confirmation!.measuredSavingMs).toBeGreaterThan(150);
    expect(Math.abs(confirmed.confirmation!.measuredSavingMs - report.predictedSavingMs!)).toBeLessThan(60);

    const missing = await app.request('/api/matrix/runs/zzzzzzzzz/consecutive');
    expect(missing.status).toBe(404);
  });
});

describe('presets on a database that is not the embedded demo (DATABASE_URL)', () => {
  it('names the database, asks for confirmation before a heavy preset, and says which tables a preset needs', async () => {
    const url = inject('clusterUrlTemplate').replace('{db}', 'postgres');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-matrix-'));
    const matrix = new MatrixService({
      databaseUrl: url,
      embedded: false,
      store: await MatrixStore.open(dir, () => {}),
      presets: { 'blog-cms': presets['blog-cms'], 'rest-api-high': presets['rest-api-high'] },
      createProfiler,
      log: () => {},
    });
    const signal = new AbortController().signal;
    try {
      expect(matrix.matrix().database).toMatchObject({
        embedded: false,
        label: expect.stringMatching(/^DATABASE_URL: database "postgres" on /),
      });
      expect(matrix.matrix().database.label).not.toContain('@');
      expect(
        matrix
          .matrix()
          .scenarios.filter((s) => s.heavy)
          .map((s) => s.id),
      ).toEqual(['rest-api-high', 'realtime-chat', 'data-processing', 'iot-api']);
      await expect(matrix.run('rest-api-high', { confirmHeavy: false }, signal)).rejects.toMatchObject({
        code: 'confirmation_required',
        status: 409,
        message: expect.stringContaining('DATABASE_URL: database "postgres"'),
      });
      // Confirmed, it runs (and here fails only for lack of the demo tables).
      await expect(matrix.run('rest-api-high', { confirmHeavy: true }, signal)).rejects.toMatchObject({
        code: 'database_error',
      });
      await expect(matrix.run('blog-cms', { confirmHeavy: false }, signal)).rejects.toMatchObject({
        code: 'database_error',
        hint: expect.stringContaining('without DATABASE_URL'),
      });
    } finally {
      await matrix.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
