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
      presets: { 'blog-cms': presets['blog-cms'] },
      createProfiler,
      log: () => {},
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

  it('lists every scenario with its usual verdict, then runs a preset and keeps its measurement across a restart', async () => {
    const before = MatrixSchema.parse(await (await app.request('/api/matrix')).json());
    expect(before.scenarios).toHaveLength(11);
    expect(before.scenarios.find((s) => s.id === 'gateway')?.usualVerdict).toBe('concurrent');
    expect(before.scenarios.every((s) => s.latest === null)).toBe(true);

    const res = await app.request('/api/matrix/scenarios/blog-cms/run', { method: 'POST' });
    expect(res.status).toBe(200);
    const m = MeasurementSchema.parse(await res.json());
    expect(m.scenario).toBe('blog-cms');
    expect(m.baseline.samples).toBe(30);
    expect(m.reason).toContain('sequential');

    const reopened = await MatrixStore.open(dir, () => {});
    expect(reopened.latest('blog-cms')).toEqual(m);
  });

  it('names the problem of a bad scenario or a missing preset', async () => {
    const bad = await app.request('/api/matrix/scenarios/nope/run', { method: 'POST' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed' } });
    const missing = await app.request('/api/matrix/scenarios/gateway/run', { method: 'POST' });
    expect(missing.status).toBe(404);
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
      target: { kind: 'default' },
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
    // Delays 50 + 100 + 80 + 70: saving = 300 − 100 = 200 ms, plus a little per query.
    expect(report.predictedSavingMs!).toBeGreaterThan(190);
    expect(report.predictedSavingMs!).toBeLessThan(260);

    const res = await app.request(`/api/matrix/runs/${run.id}/consecutive/confirm`, { method: 'POST' });
    const confirmed = DetectorReportSchema.parse(await res.json());
    expect(confirmed.confirmation!.measuredSavingMs).toBeGreaterThan(150);
    expect(Math.abs(confirmed.confirmation!.measuredSavingMs - report.predictedSavingMs!)).toBeLessThan(60);

    const missing = await app.request('/api/matrix/runs/zzzzzzzzz/consecutive');
    expect(missing.status).toBe(404);
  });
});

describe('a preset on a database without the demo schema', () => {
  it('says which tables it needs and how to get them', async () => {
    const url = inject('clusterUrlTemplate').replace('{db}', 'postgres');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-matrix-'));
    const matrix = new MatrixService({
      databaseUrl: url,
      embedded: false,
      store: await MatrixStore.open(dir, () => {}),
      presets: { 'blog-cms': presets['blog-cms'] },
      createProfiler,
      log: () => {},
    });
    try {
      await expect(matrix.run('blog-cms', new AbortController().signal)).rejects.toMatchObject({
        code: 'database_error',
        hint: expect.stringContaining('without DATABASE_URL'),
      });
    } finally {
      await matrix.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
