import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ApiErrorSchema,
  type CapturedRequest,
  type CaptureRecord,
  CaptureRecordSchema,
  CreatedCaptureSchema,
  type DatabaseTarget,
  ReplayStartedSchema,
  RequestGraphSchema,
  RunRecordSchema,
} from '@gatherscope/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery } from '../../test/pg-admin';
import { ManualClock } from '../../test/support/manual-clock';
import { createApp } from '../app';
import { startCapture } from '../capture/recorder';
import { createMetaPool } from '../db/postgres';
import { runProfile } from '../engine/run-profile';
import { RunManager } from '../runs/manager';
import { serverTargets } from '../runs/service';
import { RunStore } from '../runs/store';
import { builtinCatalog } from '../workloads/catalog';
import { assertWorkloadRuns } from '../workloads/check-on-database';
import { CaptureManager } from './manager';
import { CaptureStore } from './store';

/**
 * A real client writes through the capture proxy; its requests are replayed with their writes in a
 * transaction that is rolled back: on the embedded demo (by default), on a saved connection with
 * Allow writes, and refused on one without. The user id is this file's own.
 */
const url = inject('demoUrl');
const USER = 4992;

/**
 * The rows the replays write to, with a checksum. (No transaction or lock left behind, no backend
 * left: engine/rolled-back.test.ts checks them by the profiler's own pids.)
 */
async function state() {
  const [row] = await adminQuery<{ favs: string; name: string; checksum: string | null }>(
    url,
    `SELECT (SELECT count(*) FROM favorites WHERE user_id = $1)::text AS favs,
            (SELECT name FROM users WHERE id = $1) AS name,
            (SELECT md5(string_agg(f::text, ',' ORDER BY product_id)) FROM favorites f WHERE user_id = $1) AS checksum`,
    [USER],
  );
  return row;
}

describe('replaying a captured request that writes', () => {
  const meta = createMetaPool(url);
  let dataDir = '';
  let captures: CaptureManager;
  let runs: RunManager;
  let app: ReturnType<typeof createApp>;
  let record: CaptureRecord;
  /** Saved connections to the same demo database: one read-only, one with Allow writes. */
  const saved = { staging: '', writable: '' };
  let original: Awaited<ReturnType<typeof state>>;
  const byRoute = (route: string): CapturedRequest =>
    record.capture.requests.find((r) => r.tags.route === route)!;

  const json = (method: string, p: string, body?: unknown) =>
    app.request(p, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-write-replay-'));
    // As the server resolves targets: the embedded demo, and the saved connections of dataDir.
    const resolveTarget = serverTargets({ databaseUrl: url, embedded: true, dataDir, log: () => {} });
    captures = new CaptureManager({
      store: await CaptureStore.open(dataDir, () => {}),
      resolveTarget,
      log: () => {},
      openProxy: startCapture,
      clock: new ManualClock(),
    });
    runs = new RunManager({
      store: await RunStore.open(dataDir, () => {}),
      runProfile,
      workloads: builtinCatalog,
      resolveTarget,
      checkWorkload: assertWorkloadRuns,
      log: () => {},
    });
    app = createApp({ meta, databaseUrl: url, embedded: true, dataDir, log: () => {}, captures, runs });

    const [free] = await adminQuery<{ id: string }>(
      url,
      'SELECT min(p.id)::text AS id FROM products p WHERE NOT EXISTS (SELECT 1 FROM favorites f WHERE f.user_id = $1 AND f.product_id = p.id)',
      [USER],
    );
    for (const [name, allowWrites] of [
      ['staging', false],
      ['writable', true],
    ] as const) {
      const res = await json('POST', '/api/connections', { name, url, allowWrites });
      expect(res.status).toBe(201);
      saved[name] = ((await res.json()) as { id: string }).id;
    }
    original = await state();
    const res = await json('POST', '/api/captures', { detached: true, gapMs: 50 });
    const { id } = CreatedCaptureSchema.parse(await res.json());
    const running = CaptureRecordSchema.parse(await (await app.request(`/api/captures/${id}`)).json());
    const client = new pg.Client({ connectionString: running.appUrl! });
    await client.connect();
    const request = async (route: string, steps: [string, (r: pg.QueryResult[]) => unknown[]][]) => {
      const tag = ` /*route='${route}',traceparent='00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01'*/`;
      const results: pg.QueryResult[] = [];
      for (const [sql, params] of steps) results.push(await client.query(sql + tag, params(results)));
    };
    const id0 = (r: pg.QueryResult[]) => r[0]!.rows[0].id as string;
    try {
      // Autocommit, as most apps write: the capture commits it; the test puts the rows back after.
      await request('/favourite', [
        ['SELECT id, name FROM users WHERE id = $1', () => [USER]],
        ['SELECT count(*) AS n FROM products', () => []],
        [
          'INSERT INTO favorites (user_id, product_id, created_at) VALUES ($1, $2, now())',
          (r) => [id0(r), free!.id],
        ],
        ['SELECT count(*) AS n FROM favorites WHERE user_id = $1', (r) => [id0(r)]],
        ['UPDATE users SET name = $2 WHERE id = $1', (r) => [id0(r), 'Renamed by the app']],
        ['SELECT count(*) AS n FROM reviews WHERE user_id = $1', (r) => [id0(r)]],
      ]);
      // An explicit transaction, which the app rolls back itself.
      await request('/checkout', [
        ['BEGIN', () => []],
        ['SELECT id FROM users WHERE id = $1', () => [USER]],
        ["UPDATE users SET name = name || '!' WHERE id = $1", (r) => [r[1]!.rows[0].id]],
        ['SELECT name FROM users WHERE id = $1', () => [USER]],
        ['ROLLBACK', () => []],
      ]);
    } finally {
      await client.end();
    }
    await adminQuery(url, 'DELETE FROM favorites WHERE user_id = $1 AND product_id = $2', [USER, free!.id]);
    await adminQuery(url, 'UPDATE users SET name = $2 WHERE id = $1', [USER, original!.name]);
    await json('POST', `/api/captures/${id}/stop`);
    record = CaptureRecordSchema.parse(await (await app.request(`/api/captures/${id}`)).json());
    expect(await state()).toEqual(original);
  }, 30_000);

  afterAll(async () => {
    await captures.shutdown();
    await runs.shutdown();
    await meta.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  /** The same capture under another target (a saved connection), or with other statements. */
  async function variant(suffix: string, target: DatabaseTarget, request = byRoute('/favourite')) {
    const copy = structuredClone(record);
    copy.id = `${record.id.slice(0, -suffix.length)}${suffix}`;
    copy.target = target;
    copy.capture.requests = [request];
    await captures.store.save(copy);
    return copy.id;
  }

  it('replays the writes in a transaction rolled back every trial, under every strategy, on the demo', async () => {
    const rid = byRoute('/favourite').id;
    const graph = RequestGraphSchema.parse(
      await (await app.request(`/api/captures/${record.id}/requests/${rid}/graph`)).json(),
    );
    const label = (i: number) => graph.labels[graph.request.statements[i]!.id]!;
    expect(graph.writes).toEqual([label(2), label(4)]);
    expect(graph.rolledBack).toEqual([label(2), label(3), label(4)]);
    expect(graph.writeReplay).toEqual({ allowed: true });
    const res = await json('POST', `/api/captures/${record.id}/requests/${rid}/replay`, {
      strategies: [
        'sequential',
        'concurrent',
        'bounded',
        'dependency-aware',
        'single-connection',
        'pipelined',
      ],
      trials: 2,
      warmup: 0,
    });
    expect(res.status).toBe(201);
    const started = ReplayStartedSchema.parse(await res.json());
    expect(started.writes).toEqual([label(2), label(4)]);
    // The writes, and the read of what the INSERT wrote; not the reads that do not need to see them.
    expect([...started.rolledBack].sort()).toEqual([label(2), label(3), label(4)].sort());
    const run = RunRecordSchema.parse(await runs.finished(started.runId));
    expect(run.status).toBe('completed');
    expect(run.settings.rolledBack).toEqual(started.rolledBack);
    const spans = run.trials.flatMap((t) => t.spans);
    expect(spans.filter((s) => s.error)).toEqual([]);
    // The read after the INSERT saw it, inside the transaction: one more favourite than before.
    expect(run.summary?.verdict).toMatch(/rolled it back: nothing was committed/);
    for (const t of run.trials) {
      const pids = new Set(t.spans.filter((s) => started.rolledBack.includes(s.queryId)).map((s) => s.pid));
      expect(pids.size, t.strategy).toBe(1);
    }
    expect(await state()).toEqual(original);
  }, 60_000);

  it('keeps an explicit transaction of the capture whole, in order, on one connection', async () => {
    const rid = byRoute('/checkout').id;
    const res = await json('POST', `/api/captures/${record.id}/requests/${rid}/replay`, {
      strategies: ['sequential', 'dependency-aware'],
      trials: 1,
      warmup: 0,
    });
    expect(res.status).toBe(201);
    const started = ReplayStartedSchema.parse(await res.json());
    // BEGIN and ROLLBACK are the app's and are not replayed; the three statements between them are.
    expect(started.leftOut.map((l) => l.why)).toEqual([
      expect.stringMatching(/transaction control/),
      expect.stringMatching(/transaction control/),
    ]);
    expect(started.rolledBack).toHaveLength(3);
    const run = RunRecordSchema.parse(await runs.finished(started.runId));
    expect(run.status).toBe('completed');
    for (const t of run.trials) {
      const [first, update, last] = t.spans.toSorted((a, b) => a.start - b.start);
      expect(new Set(t.spans.map((s) => s.pid)).size).toBe(1);
      expect(update!.start).toBeGreaterThanOrEqual(first!.end - 0.001);
      expect(last!.start).toBeGreaterThanOrEqual(update!.end - 0.001);
    }
    expect(await state()).toEqual(original);
  }, 30_000);

  it('rolls back on a saved connection with Allow writes too: it never commits', async () => {
    const id = await variant('wr', { kind: 'connection', id: saved.writable });
    const res = await json('POST', `/api/captures/${id}/requests/${byRoute('/favourite').id}/replay`, {
      strategies: ['dependency-aware'],
      trials: 2,
      warmup: 0,
    });
    expect(res.status).toBe(201);
    const run = RunRecordSchema.parse(await runs.finished(ReplayStartedSchema.parse(await res.json()).runId));
    expect(run.status).toBe('completed');
    expect(await state()).toEqual(original);
  }, 30_000);

  it('refuses on a saved connection without Allow writes, naming the writes and the fix', async () => {
    const before = runs.list().length;
    const id = await variant('ro', { kind: 'connection', id: saved.staging });
    // The panel says it before the user presses Replay.
    const graph = RequestGraphSchema.parse(
      await (await app.request(`/api/captures/${id}/requests/${byRoute('/favourite').id}/graph`)).json(),
    );
    expect(graph.writeReplay).toMatchObject({ allowed: false, hint: expect.stringMatching(/Allow writes/) });
    const res = await json('POST', `/api/captures/${id}/requests/${byRoute('/favourite').id}/replay`, {});
    expect(res.status).toBe(400);
    const err = ApiErrorSchema.parse(await res.json()).error;
    expect(err.code).toBe('read_only_violation');
    expect(err.message).toMatch(
      /^This request writes \(favorites, users_2\), and staging is read-only for replays\.$/,
    );
    expect(err.hint).toMatch(/rolled back/);
    expect(err.hint).toMatch(/Allow writes/);
    expect(runs.list().length).toBe(before);
  });

  it('refuses a writing request with a statement that escapes the transaction, before anything runs', async () => {
    const before = runs.list().length;
    const request = byRoute('/favourite');
    const escapes: [string, string[]][] = [
      ['CREATE TABLE gs_replay_escape AS SELECT 1 AS x', ['gs_replay_escape']],
      ["SELECT nextval('gs_no_such_seq')", []],
      ['SELECT pg_advisory_lock(7)', []],
      ['COPY favorites TO STDOUT', ['favorites']],
      ["SELECT pg_notify('gs', 'x')", []],
    ];
    for (const [n, [sql, tablesRead]] of escapes.entries()) {
      // The escape reads what the INSERT wrote, so it runs inside the transaction.
      const evil = structuredClone(request);
      evil.statements[3] = {
        ...evil.statements[3]!,
        sql,
        params: [],
        paramTypes: [],
        valueRefs: [],
        tablesRead: [...tablesRead, 'favorites'],
      };
      const id = await variant(`x${n}`, { kind: 'default' }, evil);
      const res = await json('POST', `/api/captures/${id}/requests/${request.id}/replay`, {});
      expect(res.status, sql).toBe(400);
      const err = ApiErrorSchema.parse(await res.json()).error;
      expect(err.code, sql).toBe('read_only_violation');
      expect(err.message, sql).toMatch(/is refused/);
    }
    expect(runs.list().length).toBe(before);
    expect(await state()).toEqual(original);
  });
});
