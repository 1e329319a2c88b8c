import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ApiErrorSchema,
  CreatedRunSchema,
  type RunEvent,
  RunEventSchema,
  RunListSchema,
  type RunRecord,
  RunRecordSchema,
} from '@gatherscope/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { postRun as post, type TestRunApp, testRunApp } from '../../test/support/test-app';
import { fakeRunProfile, steppedRunProfile, twoQueryWorkload } from '../../test/support/test-double';
import { VIEWER_GRACE_MS } from '../jobs/jobs';
import { readSse } from '../jobs/read-sse';

const URL = 'postgres://nobody@127.0.0.1:1/none';
const apps: TestRunApp[] = [];
async function setup(opts: Partial<Parameters<typeof testRunApp>[0]> = {}) {
  const t = await testRunApp({ runProfile: fakeRunProfile(), url: URL, ...opts });
  apps.push(t);
  return t;
}
afterEach(async () => {
  for (const t of apps.splice(0)) {
    await t.close();
    await fs.rm(t.dataDir, { recursive: true, force: true });
  }
});

async function collect(res: Response, stopAfter = Number.POSITIVE_INFINITY) {
  const out: { id: number; event: RunEvent }[] = [];
  for await (const m of readSse(res.body!)) {
    const event = RunEventSchema.parse(JSON.parse(m.data));
    expect(m.event).toBe(event.type);
    out.push({ id: Number(m.id), event });
    if (out.length >= stopAfter) break;
  }
  return out;
}

describe('/api/runs', () => {
  it('starts a run, streams its events in order, then serves the stored record and the list', async () => {
    const t = await setup();
    const res = await post(t, {
      workload: 'two-queries',
      strategies: ['sequential', 'concurrent'],
      trials: 3,
      warmup: 1,
    });
    expect(res.status).toBe(201);
    const created = CreatedRunSchema.parse(await res.json());
    const events = await collect(await t.app.request(created.eventsUrl));
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]?.event.type).toBe('run-started');
    expect(events.filter((e) => e.event.type === 'trial')).toHaveLength(8);
    expect(events.filter((e) => e.event.type === 'span')).toHaveLength(16);
    expect(events.at(-1)?.event).toEqual({ type: 'done', status: 'completed' });

    const stored = await t.app.request(created.url);
    // A finished run is streamed from its file, with the headers of every other response.
    expect(stored.headers.get('content-type')).toMatch(/^application\/json/);
    expect(stored.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await stored.text();
    expect(text).toBe(await fs.readFile(path.join(t.dataDir, 'runs', `${created.id}.json`), 'utf8'));
    const record = RunRecordSchema.parse(JSON.parse(text));
    expect(record.status).toBe('completed');
    expect(record.trials).toHaveLength(8);
    expect(JSON.stringify(record)).not.toContain('postgres://');
    const list = RunListSchema.parse(await (await t.app.request('/api/runs')).json());
    expect(list.runs.map((r) => r.id)).toEqual([created.id]);
  });

  it('resumes from Last-Event-ID without losing or repeating events, live and after a restart', async () => {
    const t = await setup({ runProfile: fakeRunProfile(15) });
    const res = await post(t, {
      workload: 'two-queries',
      strategies: ['sequential'],
      trials: 6,
      warmup: 0,
      detached: true,
    });
    const { id, eventsUrl } = CreatedRunSchema.parse(await res.json());
    const first = await collect(await t.app.request(eventsUrl), 4);
    const lastId = String(first.at(-1)?.id);
    const rest = await collect(await t.app.request(eventsUrl, { headers: { 'Last-Event-ID': lastId } }));
    const ids = [...first, ...rest].map((e) => e.id);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(rest.at(-1)?.event.type).toBe('done');

    // A new server over the same data directory replays the stored run with the same ids.
    const again = await setup({ dataDir: t.dataDir });
    const replay = await collect(await again.app.request(`/api/runs/${id}/events?lastEventId=${lastId}`));
    expect(replay.map((e) => e.event)).toEqual(rest.map((e) => e.event));
    expect(replay.map((e) => e.id)).toEqual(rest.map((e) => e.id));
  });

  it('ends the stream of a run a crash interrupted with how it ended, even for a reader past its record', async () => {
    const t = await setup({ runProfile: fakeRunProfile(5), persistEveryMs: 20 });
    const created = await post(t, {
      workload: 'two-queries',
      strategies: ['sequential'],
      trials: 500,
      warmup: 0,
      detached: true,
    });
    const { id, eventsUrl } = CreatedRunSchema.parse(await created.json());
    // What kill -9 leaves: the record as last saved (status running), while the viewer read on.
    const crashed = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-runs-crashed-'));
    const savedRecord = async () =>
      RunRecordSchema.parse(JSON.parse(await fs.readFile(path.join(crashed, 'runs', `${id}.json`), 'utf8')));
    let saved: RunRecord | undefined;
    let lastId = 0;
    for await (const m of readSse((await t.app.request(eventsUrl)).body!)) {
      lastId = Number(m.id);
      if (lastId === 30) {
        // The record file alone: it is replaced by an atomic rename, so a read gets a whole one,
        // where copying the directory raced with the temporary files of the saves every 20 ms.
        await fs.mkdir(path.join(crashed, 'runs'));
        const file = `${id}.json`;
        await fs.writeFile(
          path.join(crashed, 'runs', file),
          await fs.readFile(path.join(t.dataDir, 'runs', file)),
        );
        saved = await savedRecord();
      }
      // Read on past everything the saved record replays: run-started, two spans and a trial event
      // per saved trial, then its error and done.
      if (saved && lastId > 1 + 3 * saved.trials.length + 2) break;
    }
    expect(saved?.status).toBe('running');
    if (!saved) throw new Error('the record was not saved');

    const again = await setup({ dataDir: crashed });
    const record = RunRecordSchema.parse(await (await again.app.request(`/api/runs/${id}`)).json());
    expect(record.status).toBe('failed');
    expect(record.error?.code).toBe('interrupted');
    expect(record.trials).toHaveLength(saved.trials.length);
    const ending = [
      { type: 'error', code: 'interrupted', message: record.error?.message, hint: record.error?.hint },
      { type: 'done', status: 'failed' },
    ];

    // The reconnecting viewer gets the ending, with ids after its own so that it applies them.
    const resumed = await collect(
      await again.app.request(`/api/runs/${id}/events`, { headers: { 'Last-Event-ID': String(lastId) } }),
    );
    expect(resumed).toEqual([
      { id: lastId + 1, event: ending[0] },
      { id: lastId + 2, event: ending[1] },
    ]);
    // A viewer from the start gets the saved trials, then the same ending, numbered without gaps.
    const replay = await collect(await again.app.request(`/api/runs/${id}/events`));
    expect(replay.map((e) => e.id)).toEqual(replay.map((_, i) => i + 1));
    expect(replay.filter((e) => e.event.type === 'trial')).toHaveLength(saved.trials.length);
    expect(replay.slice(-2).map((e) => e.event)).toEqual(ending);
  });

  it('answers 400 naming each bad field, and 413 for an oversized body', async () => {
    const t = await setup();
    const bad = await post(t, {
      workload: { name: 'w', queries: [{ id: '1x', sql: '' }] },
      strategies: ['sequential', 'warp-speed'],
      trials: 0,
    });
    expect(bad.status).toBe(400);
    const body = ApiErrorSchema.parse(await bad.json());
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues?.map((i) => i.path).sort()).toEqual(
      ['strategies.1', 'trials', 'workload.queries.0.id', 'workload.queries.0.sql'].sort(),
    );
    const unknown = ApiErrorSchema.parse(
      await (await post(t, { workload: 'nope', strategies: ['sequential'] })).json(),
    );
    expect(unknown.error.code).toBe('unknown_workload');
    expect(unknown.error.hint).toContain('two-queries');
    const notJson = await t.app.request('/api/runs', {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    const huge = await post(t, {
      workload: { ...twoQueryWorkload, description: 'x'.repeat(1_100_000) },
      strategies: ['sequential'],
    });
    expect(huge.status).toBe(413);
  });

  it('refuses a workload that writes on a read-only target, naming the query', async () => {
    const t = await setup();
    const res = await post(t, {
      workload: {
        name: 'sneaky',
        queries: [
          { id: 'ok', sql: 'SELECT 1' },
          { id: 'bad', sql: 'DELETE FROM users' },
        ],
      },
      strategies: ['sequential'],
    });
    expect(res.status).toBe(400);
    const body = ApiErrorSchema.parse(await res.json());
    expect(body.error.code).toBe('read_only_violation');
    expect(body.error.issues?.map((i) => i.path)).toEqual(['workload.queries.1.sql']);
    expect(RunListSchema.parse(await (await t.app.request('/api/runs')).json()).runs).toEqual([]);
  });

  it('answers 404 for unknown runs on every route', async () => {
    const t = await setup();
    for (const [method, path] of [
      ['GET', '/api/runs/zzzzzzzzzzzz'],
      ['GET', '/api/runs/zzzzzzzzzzzz/events'],
      ['POST', '/api/runs/zzzzzzzzzzzz/stop'],
      ['DELETE', '/api/runs/zzzzzzzzzzzz'],
      ['GET', '/api/runs/..%2F..%2Fetc'],
    ] as const) {
      const res = await t.app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('not_found');
    }
  });

  it('refuses a third concurrent run with 429, stops and deletes runs', async () => {
    const t = await setup({ runProfile: fakeRunProfile(50), maxConcurrent: 2 });
    const start = () =>
      post(t, { workload: 'two-queries', strategies: ['sequential'], trials: 100, detached: true });
    const a = CreatedRunSchema.parse(await (await start()).json());
    await start();
    const third = await start();
    expect(third.status).toBe(429);
    expect(ApiErrorSchema.parse(await third.json()).error.code).toBe('run_limit_reached');

    const stopped = await t.app.request(`/api/runs/${a.id}/stop`, { method: 'POST' });
    expect(await stopped.json()).toEqual({ id: a.id, status: 'cancelled' });
    expect((await start()).status).toBe(201);
    expect((await t.app.request(a.url, { method: 'DELETE' })).status).toBe(204);
    expect((await t.app.request(a.url)).status).toBe(404);
  });

  it('cancels a run whose last viewer leaves, after the viewer grace, unless it is detached', async () => {
    const clock = new ManualClock();
    const t = await setup({ runProfile: steppedRunProfile().profile, clock });
    const run = async (detached: boolean) => {
      const c = CreatedRunSchema.parse(
        await (
          await post(t, { workload: 'two-queries', strategies: ['sequential'], trials: 200, detached })
        ).json(),
      );
      await collect(await t.app.request(c.eventsUrl), 1);
      const status = async () => RunRecordSchema.parse(await (await t.app.request(c.url)).json()).status;
      // The stream's close reaches the server a moment after the reader lets go: step the clock
      // past the grace until it has (the run must then be stopped), a bounded number of times.
      for (let i = 0; i < 50 && (await status()) === 'running'; i++) {
        clock.advance(VIEWER_GRACE_MS);
        await new Promise((r) => setImmediate(r));
      }
      return status();
    };
    expect(await run(false)).toBe('cancelled');
    expect(await run(true)).toBe('running');
  });
});
