import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ApiErrorSchema,
  CreatedLoadTestSchema,
  LoadEventSchema,
  LoadTestListSchema,
  LoadTestRecordSchema,
  StoppedLoadTestSchema,
  type Workload,
} from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoLoadTests } from '../../test/support/load-tests';
import { ManualClock } from '../../test/support/manual-clock';
import { createApp } from '../app';
import { createMetaPool } from '../db/postgres';
import { VIEWER_GRACE_MS } from '../jobs/jobs';
import { readSse } from '../jobs/read-sse';
import type { LoadTestManager } from './manager';

const url = inject('demoUrl');
const tiny: Workload = {
  name: 'tiny',
  queries: [
    {
      id: 'user',
      sql: 'SELECT * FROM users WHERE id = $1',
      params: [{ kind: 'randomInt', min: 1, max: 5000 }],
    },
    { id: 'count', sql: 'SELECT count(*) FROM products' },
  ],
};
const slow: Workload = { name: 'slow', queries: [{ id: 'nap', sql: 'SELECT pg_sleep(10)' }] };

describe('/api/load-tests', () => {
  const meta = createMetaPool(url);
  let dataDir = '';
  let tests: LoadTestManager;
  const clock = new ManualClock();
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-load-'));
    tests = await demoLoadTests(url, dataDir, { tiny, slow }, clock);
    app = createApp({ meta, databaseUrl: url, embedded: true, dataDir, log: () => {}, loadTests: tests });
  });
  afterAll(async () => {
    await tests.shutdown();
    await meta.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const post = (body: unknown) =>
    app.request('/api/load-tests', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    });

  it('rejects a bad request naming the field, and an unknown workload with a hint', async () => {
    const bad = await post({
      workload: 'tiny',
      strategies: ['sequential'],
      model: { kind: 'closed', vus: 0 },
    });
    expect(bad.status).toBe(400);
    const err = ApiErrorSchema.parse(await bad.json());
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.issues?.[0]?.path).toBe('model.vus');
    const unknown = await post({
      workload: 'nope',
      strategies: ['sequential'],
      model: { kind: 'closed', vus: 1 },
    });
    expect(unknown.status).toBe(400);
    expect(ApiErrorSchema.parse(await unknown.json()).error.hint).toContain('tiny');
    const long = await post({
      workload: 'tiny',
      strategies: ['sequential', 'concurrent'],
      model: { kind: 'closed', vus: 1 },
      durationS: 600,
      sweep: { maxPool: 32, stepDurationS: 60 },
    });
    expect(long.status).toBe(400);
    const issue = ApiErrorSchema.parse(await long.json()).error.issues?.[0];
    expect(issue?.path).toBe('durationS');
    expect(issue?.message).toBe(
      '2 strategies × 600 s + sweep 6 pool sizes × 2 strategies × 60 s = 32 min, over the 30 min limit of a test; shorten the duration per strategy (durationS), run fewer strategies, or sweep to a smaller largest pool (sweep.maxPool) or with shorter steps (sweep.stepDurationS).',
    );
  });

  it('runs a test, streams its seconds and results, stores it, and resumes the stream after an id', async () => {
    // The stream and the record are the subject, not the throughput: with a think time the users
    // still make hundreds of requests, without taking both cores for four seconds.
    const res = await post({
      workload: 'tiny',
      strategies: ['sequential', 'concurrent'],
      model: { kind: 'closed', vus: 4, thinkTimeMs: 20 },
      durationS: 2,
      poolSize: 4,
      detached: true,
    });
    expect(res.status).toBe(201);
    const created = CreatedLoadTestSchema.parse(await res.json());
    const events = [];
    const stream = await app.request(created.eventsUrl);
    for await (const m of readSse(stream.body!))
      events.push({ id: Number(m.id), e: LoadEventSchema.parse(JSON.parse(m.data)) });
    const types = events.map((x) => x.e.type);
    expect(types[0]).toBe('load-started');
    expect(types.filter((t) => t === 'result')).toHaveLength(2);
    expect(types.filter((t) => t === 'second').length).toBeGreaterThanOrEqual(2);
    expect(types.at(-1)).toBe('done');

    const record = LoadTestRecordSchema.parse(await (await app.request(created.url)).json());
    expect(record.status).toBe('completed');
    expect(record.results.map((r) => r.strategy)).toEqual(['sequential', 'concurrent']);
    expect(record.results[0]!.requests).toBeGreaterThan(20);
    expect(record.results[1]!.pool.maxHeldPerRequest).toBe(2);
    expect(record.verdict).toMatch(/req\/s/);

    const resumed = await app.request(created.eventsUrl, {
      headers: { 'Last-Event-ID': String(events.length - 2) },
    });
    const tail = [];
    for await (const m of readSse(resumed.body!)) tail.push(Number(m.id));
    expect(tail).toEqual([events.length - 1, events.length]);

    const list = LoadTestListSchema.parse(await (await app.request('/api/load-tests')).json());
    expect(list.loadTests.map((t) => t.id)).toContain(created.id);
  });

  it('refuses a workload that writes to a read-only database', async () => {
    const res = await post({
      workload: { name: 'w', queries: [{ id: 'd', sql: 'DELETE FROM users' }] },
      strategies: ['sequential'],
      model: { kind: 'closed', vus: 1 },
    });
    expect(res.status).toBe(400);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('read_only_violation');
  });

  it('keeps a test whose page reloads, and stops one whose page closed after the viewer grace, saying why', async () => {
    const res = await post({
      workload: slow,
      strategies: ['sequential'],
      model: { kind: 'closed', vus: 1 },
      durationS: 60,
    });
    const { id } = CreatedLoadTestSchema.parse(await res.json());
    const detach = tests.attachViewer(id);
    detach();
    clock.advance(VIEWER_GRACE_MS - 1);
    expect((await tests.get(id))?.status).toBe('running');
    // A reload: the page comes back within the grace, and the test goes on.
    const back = tests.attachViewer(id);
    clock.advance(VIEWER_GRACE_MS * 10);
    expect((await tests.get(id))?.status).toBe('running');
    back();
    clock.advance(VIEWER_GRACE_MS);
    const ended = await tests.finished(id);
    expect(ended).toMatchObject({
      status: 'cancelled',
      error: { code: 'job_unwatched', message: 'Stopped: its page was closed.' },
    });
    expect(ended?.error?.hint).toContain('A load test stops when no page shows it');
  });

  it('starts only one of two tests posted at the same moment', async () => {
    const body = {
      workload: slow,
      strategies: ['sequential'],
      model: { kind: 'closed', vus: 1 },
      durationS: 60,
      detached: true,
    };
    const both = await Promise.all([post(body), post(body)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 429]);
    const { id } = CreatedLoadTestSchema.parse(await both.find((r) => r.status === 201)!.json());
    expect(await tests.stop(id)).toBe('cancelled');
  });

  it('refuses a second test while one runs, and stops a test at once', async () => {
    const created = CreatedLoadTestSchema.parse(
      await (
        await post({
          workload: slow,
          strategies: ['sequential'],
          model: { kind: 'closed', vus: 2 },
          durationS: 60,
          detached: true,
        })
      ).json(),
    );
    const second = await post({
      workload: 'tiny',
      strategies: ['sequential'],
      model: { kind: 'closed', vus: 1 },
    });
    expect(second.status).toBe(429);
    expect(ApiErrorSchema.parse(await second.json()).error.code).toBe('run_limit_reached');
    await new Promise((r) => setTimeout(r, 500));
    const t0 = performance.now();
    const stopped = await app.request(`/api/load-tests/${created.id}/stop`, { method: 'POST' });
    expect(StoppedLoadTestSchema.parse(await stopped.json()).status).toBe('cancelled');
    expect(performance.now() - t0).toBeLessThan(2500);
    const missing = await app.request('/api/load-tests/zzzzzzzzzzzz');
    expect(missing.status).toBe(404);
    expect((await app.request(`/api/load-tests/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/api/load-tests/${created.id}`)).status).toBe(404);
  });
});
