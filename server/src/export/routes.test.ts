import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiErrorSchema, ImportedRunSchema, RunExportSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRun } from '../../test/support/sample-run';
import { handleError } from '../http/error-handler';
import { newRunId, RunStore } from '../runs/store';
import { toOtlp } from './otlp';
import { exportRoutes } from './routes';

const routesFor = (store: RunStore, webDist: string | undefined) =>
  exportRoutes({ runs: store, store, newRunId, webDist });

describe('export and import routes', () => {
  let dir: string;
  let store: RunStore;
  let app: Hono;
  const run = sampleRun({ id: newRunId() });

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-export-'));
    await fs.mkdir(path.join(dir, 'web', 'export'), { recursive: true });
    await fs.writeFile(path.join(dir, 'web', 'export', 'viewer.js'), 'window.viewer = "</script>";');
    store = await RunStore.open(dir, () => {});
    await store.save(run);
    app = new Hono()
      .onError(handleError(() => {}))
      .route('/api/runs', routesFor(store, path.join(dir, 'web')));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('exports JSON that imports back as a new run with the same measurements', async () => {
    const res = await app.request(`/api/runs/${run.id}/export.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="gatherscope-tiny-quoted-dashboard-.*\.json"/,
    );
    const exported = RunExportSchema.parse(await res.json());
    expect(exported.run).toEqual(run);

    const imported = await app.request('/api/runs/import', {
      method: 'POST',
      body: JSON.stringify(exported),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(imported.status).toBe(201);
    const answer = ImportedRunSchema.parse(await imported.json());
    expect(answer.originalId).toBe(run.id);
    expect(answer.id).not.toBe(run.id);
    const reopened = await (await RunStore.open(dir, () => {})).get(answer.id);
    expect(reopened).toEqual({
      ...run,
      id: answer.id,
      imported: { at: expect.any(String), originalId: run.id },
    });
    // Imported again from this install's export, it still names where it was measured.
    const again = await app.request('/api/runs/import', {
      method: 'POST',
      body: JSON.stringify(await (await app.request(`/api/runs/${answer.id}/export.json`)).json()),
    });
    expect(ImportedRunSchema.parse(await again.json()).originalId).toBe(run.id);
  });

  it('refuses a file that is not a run, naming the bad field', async () => {
    const bad = {
      ...RunExportSchema.parse(await (await app.request(`/api/runs/${run.id}/export.json`)).json()),
    };
    const broken = { ...bad, run: { ...bad.run, trials: 'many' } };
    const res = await app.request('/api/runs/import', { method: 'POST', body: JSON.stringify(broken) });
    expect(res.status).toBe(400);
    const body = ApiErrorSchema.parse(await res.json());
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues?.[0]?.path).toBe('run.trials');
    expect(body.error.hint).toMatch(/Export JSON/);
    const notJson = await app.request('/api/runs/import', { method: 'POST', body: 'hello' });
    expect(notJson.status).toBe(400);
    const running = await app.request('/api/runs/import', {
      method: 'POST',
      body: JSON.stringify({ ...run, status: 'running' }),
    });
    expect(running.status).toBe(400);
  });

  it('exports CSV and OTLP as downloads', async () => {
    const csv = await app.request(`/api/runs/${run.id}/export.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^run_id,strategy,trial/);
    const otlp = await app.request(`/api/runs/${run.id}/export.otlp.json`);
    expect(toOtlp(run)).toEqual(await otlp.json());
  });

  it('exports one HTML file with the run and the viewer inline, and nothing that ends a script early', async () => {
    const nasty = sampleRun({
      id: newRunId(),
      workload: { ...run.workload, name: '</script><script>alert(1)</script>' },
    });
    await store.save(nasty);
    const res = await app.request(`/api/runs/${nasty.id}/export.html`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link[^>]*href=/);
    // Only the two script elements the export opens itself.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const json = /<script type="application\/json" id="gatherscope-run">(.*?)<\/script>/s.exec(html)![1]!;
    expect(RunExportSchema.parse(JSON.parse(json)).run.workload.name).toBe(nasty.workload.name);
  });

  it('answers 404 for an unknown run and 503 with a hint when the viewer is not built', async () => {
    const missing = await app.request('/api/runs/zzzzzzzzzzzz/export.csv');
    expect(missing.status).toBe(404);
    const unbuilt = new Hono().onError(handleError(() => {})).route('/api/runs', routesFor(store, undefined));
    const res = await unbuilt.request(`/api/runs/${run.id}/export.html`);
    expect(res.status).toBe(503);
    expect(ApiErrorSchema.parse(await res.json()).error.hint).toMatch(/npm run build/);
  });
});
