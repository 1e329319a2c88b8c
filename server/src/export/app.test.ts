import fs from 'node:fs/promises';
import {
  CreatedRunSchema,
  ImportedRunSchema,
  RunExportSchema,
  RunListSchema,
  RunRecordSchema,
} from '@gatherscope/shared';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type TestRunApp, testRunApp } from '../../test/support/test-app';
import { runProfile } from '../engine/run-profile';
import { catalogFor } from '../guard/workload-policy';
import { createTargetResolver } from '../targets/targets';
import { builtinCatalog } from '../workloads/catalog';
import { toOtlp } from './otlp';

/** The export routes as the app mounts them, on a real run against the real demo database. */
describe('exports of a real run through the app', () => {
  const url = inject('demoUrl');
  let t: TestRunApp;
  let app: Hono;
  let runId: string;

  beforeAll(async () => {
    t = await testRunApp({
      url,
      runProfile,
      workloads: builtinCatalog,
      resolveTarget: createTargetResolver({ databaseUrl: url, embedded: true }),
      // A real run on the real demo database: the guard reads its real catalog.
      catalogOf: catalogFor,
    });
    app = t.app;
    const res = await app.request('/api/runs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        workload: 'trivial',
        strategies: ['sequential', 'concurrent'],
        trials: 3,
        warmup: 1,
        detached: true,
      }),
    });
    expect(res.status).toBe(201);
    runId = CreatedRunSchema.parse(await res.json()).id;
    for (let i = 0; i < 200; i++) {
      const r = RunRecordSchema.parse(await (await app.request(`/api/runs/${runId}`)).json());
      if (r.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await t.close();
    await fs.rm(t.dataDir, { recursive: true, force: true });
  });

  it('round-trips a run through JSON export and import, listed with the same headline', async () => {
    const exported = RunExportSchema.parse(
      await (await app.request(`/api/runs/${runId}/export.json`)).json(),
    );
    expect(exported.run.status).toBe('completed');
    expect(exported.run.trials.filter((t) => !t.warmup)).toHaveLength(6);
    // Nothing that names how to reach the database travels with a run.
    expect(JSON.stringify(exported)).not.toMatch(/postgres(ql)?:\/\//);

    const res = await app.request('/api/runs/import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(exported),
    });
    expect(res.status).toBe(201);
    const imported = ImportedRunSchema.parse(await res.json());
    const copy = RunRecordSchema.parse(await (await app.request(`/api/runs/${imported.id}`)).json());
    expect(copy.summary).toEqual(exported.run.summary);
    expect(copy.trials).toEqual(exported.run.trials);

    const list = RunListSchema.parse(await (await app.request('/api/runs')).json()).runs;
    const [a, b] = [list.find((r) => r.id === runId), list.find((r) => r.id === imported.id)];
    expect(b).toEqual({ ...a, id: imported.id, imported: { at: expect.any(String), originalId: runId } });
  });

  it('exports every span of the run to CSV and OTLP', async () => {
    const record = RunRecordSchema.parse(await (await app.request(`/api/runs/${runId}`)).json());
    const spans = record.trials.reduce((n, t) => n + t.spans.length, 0);
    const csv = await (await app.request(`/api/runs/${runId}/export.csv`)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1 + spans);
    const otlp = await (await app.request(`/api/runs/${runId}/export.otlp.json`)).json();
    expect(otlp).toEqual(JSON.parse(JSON.stringify(toOtlp(record))));
    expect(toOtlp(record).resourceSpans[0]!.scopeSpans[0]!.spans).toHaveLength(spans + record.trials.length);
  });
});
