import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ApiErrorSchema,
  CreatedLoadTestSchema,
  HTML_EXPORT_DATA_ID,
  ImportedRunSchema,
  LoadTestExportSchema,
  type LoadTestRecord,
  LoadTestRecordSchema,
  LoadTestRequestSchema,
  type Workload,
} from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoLoadTests } from '../../test/support/load-tests';
import { twoQueryWorkload } from '../../test/support/test-double';
import { createApp } from '../app';
import { createMetaPool } from '../db/postgres';
import type { LoadTestManager } from '../load/manager';
import { loadCsvColumns } from './load-csv';

const url = inject('demoUrl');
const slow: Workload = { name: 'slow', queries: [{ id: 'nap', sql: 'SELECT pg_sleep(10)' }] };

/** The cells of a CSV without quoted commas (what these exports hold), by column name. */
function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trimEnd().split('\r\n');
  const names = (head ?? '').split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

describe('/api/load-tests/:id/export.*', () => {
  const meta = createMetaPool(url);
  let dataDir = '';
  let tests: LoadTestManager;
  let app: ReturnType<typeof createApp>;
  let done: LoadTestRecord;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-load-export-'));
    const webDist = path.join(dataDir, 'web');
    await fs.mkdir(path.join(webDist, 'export'), { recursive: true });
    await fs.writeFile(path.join(webDist, 'export', 'viewer.js'), 'window.viewer = 1;');
    tests = await demoLoadTests(url, dataDir, { tiny: twoQueryWorkload, slow });
    app = createApp({
      meta,
      databaseUrl: url,
      embedded: true,
      dataDir,
      log: () => {},
      loadTests: tests,
      webDist,
    });
    // A real test on the demo database: two strategies, two seconds each. What is exported is the
    // subject, not how fast: a think time keeps the users from taking both cores for four seconds.
    const { id } = await tests.start(
      LoadTestRequestSchema.parse({
        workload: 'tiny',
        strategies: ['sequential', 'concurrent'],
        model: { kind: 'closed', vus: 2, thinkTimeMs: 20 },
        durationS: 2,
        poolSize: 2,
        detached: true,
      }),
    );
    done = (await tests.finished(id))!;
  });
  afterAll(async () => {
    await tests.shutdown();
    await meta.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('exports the stored test as JSON in its envelope, streamed as stored', async () => {
    expect(done.status).toBe('completed');
    const res = await app.request(`/api/load-tests/${done.id}/export.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="gatherscope-load-two-queries-${done.id}.json"`,
    );
    const exported = LoadTestExportSchema.parse(await res.json());
    expect(exported.format).toBe('gatherscope.load-test');
    expect(exported.loadTest).toEqual(done);
  });

  it('imports the JSON export back as a new test with the same measurements; a run file is refused naming the field', async () => {
    const exported = LoadTestExportSchema.parse(
      await (await app.request(`/api/load-tests/${done.id}/export.json`)).json(),
    );
    const post = (body: unknown) =>
      app.request('/api/load-tests/import', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
    const res = await post(exported);
    expect(res.status).toBe(201);
    const answer = ImportedRunSchema.parse(await res.json());
    expect(answer).toEqual({ id: expect.any(String), url: `/load/${answer.id}`, originalId: done.id });
    expect(answer.id).not.toBe(done.id);
    const imported = LoadTestRecordSchema.parse(
      await (await app.request(`/api/load-tests/${answer.id}`)).json(),
    );
    expect(imported).toEqual({
      ...done,
      id: answer.id,
      imported: { at: expect.any(String), originalId: done.id },
    });
    expect(tests.list().find((t) => t.id === answer.id)?.imported).toEqual(imported.imported);

    const wrong = await post({ ...exported, loadTest: { ...exported.loadTest, series: 'none' } });
    expect(wrong.status).toBe(400);
    const err = ApiErrorSchema.parse(await wrong.json()).error;
    expect(err.message).toBe(
      'This file is not a Gatherscope load test: loadTest.series should be a list, not a text.',
    );
    await tests.delete(answer.id);
  });

  it("exports CSV: each strategy's seconds and its total, numbers as stored", async () => {
    const res = await app.request(`/api/load-tests/${done.id}/export.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe(loadCsvColumns.join(','));
    const rows = csvRows(text);
    for (const result of done.results) {
      const seconds = done.series.filter((s) => s.strategy === result.strategy);
      const mine = rows.filter((r) => r.strategy === result.strategy);
      expect(mine.map((r) => r.scope)).toEqual([...seconds.map(() => 'second'), 'total']);
      expect(mine.slice(0, -1).map((r) => Number(r.requests))).toEqual(seconds.map((s) => s.requests));
      const total = mine.at(-1)!;
      expect(Number(total.requests)).toBe(result.requests);
      expect(Number(total.p95_ms)).toBeCloseTo(result.latencyMs.p95, 3);
      expect(Number(total.throughput_rps)).toBeCloseTo(result.throughput, 3);
      expect(total.t_s).toBe('');
    }
  });

  it('exports the offline HTML report with the whole record inside', async () => {
    const res = await app.request(`/api/load-tests/${done.id}/export.html`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>two queries — Gatherscope load test</title>');
    expect(html).toContain('window.viewer = 1;');
    const json = new RegExp(
      `<script type="application/json" id="${HTML_EXPORT_DATA_ID.load}">(.*?)</script>`,
      's',
    ).exec(html)![1]!;
    expect(LoadTestExportSchema.parse(JSON.parse(json)).loadTest).toEqual(done);
  });

  it('answers 404 for an unknown test and 409 for one still running, naming what to do', async () => {
    const missing = await app.request('/api/load-tests/zzzzzzzzzzzz/export.csv');
    expect(missing.status).toBe(404);
    expect(ApiErrorSchema.parse(await missing.json()).error.message).toMatch(/no load test with id/);
    const res = await app.request('/api/load-tests', {
      method: 'POST',
      body: JSON.stringify({
        workload: 'slow',
        strategies: ['sequential'],
        model: { kind: 'closed', vus: 1 },
        durationS: 30,
        detached: true,
      }),
      headers: { 'Content-Type': 'application/json' },
    });
    const { id } = CreatedLoadTestSchema.parse(await res.json());
    try {
      for (const ext of ['json', 'csv', 'html']) {
        const running = await app.request(`/api/load-tests/${id}/export.${ext}`);
        expect(running.status).toBe(409);
        const err = ApiErrorSchema.parse(await running.json()).error;
        expect(err.code).toBe('still_running');
        expect(err.message).toBe('This load test is still running: it can be exported once it ends.');
        expect(err.hint).toMatch(/Wait for it to finish/);
      }
    } finally {
      await tests.stop(id);
      await tests.finished(id);
    }
  });
});
