import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ApiErrorSchema,
  CaptureListSchema,
  CaptureRecordSchema,
  CaptureSchema,
  CreatedCaptureSchema,
  EndpointSavingsSchema,
  ImportedTraceSchema,
  ReplayStartedSchema,
  RequestGraphSchema,
  RunRecordSchema,
} from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { createApp } from '../app';
import { startCapture } from '../capture/recorder';
import { repoRoot } from '../config';
import { createMetaPool } from '../db/postgres';
import { runProfile } from '../engine/run-profile';
import { FIRST_VIEWER_MS } from '../jobs/jobs';
import { RunManager } from '../runs/manager';
import { RunStore } from '../runs/store';
import type { ResolvedTarget } from '../targets/targets';
import { builtinCatalog } from '../workloads/catalog';
import { CaptureManager } from './manager';
import { CaptureStore } from './store';

const url = inject('demoUrl');
const demo = (readOnly: boolean): ResolvedTarget => ({
  url,
  readOnly,
  database: { name: 'gatherscope_demo', label: 'Embedded demo shop', serverVersion: '15', embedded: true },
});

describe('/api/captures', () => {
  const meta = createMetaPool(url);
  let dataDir = '';
  let captures: CaptureManager;
  const clock = new ManualClock();
  let runs: RunManager;
  let app: ReturnType<typeof createApp>;
  let example: ChildProcess | undefined;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-captures-'));
    const resolveTarget = async () => demo(true);
    // In-process recorder: the server uses a worker thread; the lifecycle is the same.
    captures = new CaptureManager({
      store: await CaptureStore.open(dataDir, () => {}),
      resolveTarget,
      log: () => {},
      openProxy: startCapture,
      clock,
    });
    runs = new RunManager({
      store: await RunStore.open(dataDir, () => {}),
      runProfile,
      workloads: builtinCatalog,
      resolveTarget,
      log: () => {},
    });
    app = createApp({ meta, databaseUrl: url, embedded: true, dataDir, log: () => {}, captures, runs });
  });
  afterAll(async () => {
    example?.kill('SIGTERM');
    await captures.shutdown();
    await runs.shutdown();
    await meta.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const json = (method: string, p: string, body?: unknown) =>
    app.request(p, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  let captureId = '';

  it('records the example app through the URL it gives, and keeps the capture after Stop', async () => {
    const res = await json('POST', '/api/captures', { detached: true, gapMs: 50 });
    expect(res.status).toBe(201);
    captureId = CreatedCaptureSchema.parse(await res.json()).id;
    const running = CaptureRecordSchema.parse(await (await app.request(`/api/captures/${captureId}`)).json());
    expect(running.status).toBe('running');
    expect(running.capture.listenUrl).toMatch(/^postgres:\/\/[^:@]+@127\.0\.0\.1:\d+\/gatherscope_demo$/);
    // The embedded demo's URL for the app carries its local password; the listen URL never does.
    expect(running.appUrl).toContain(`:${new URL(url).password}@127.0.0.1:`);
    // The round trip to the database, measured at the start: loopback, well under 50 ms.
    expect(running.rttMs).toBeGreaterThan(0);

    example = spawn(process.execPath, [path.join(repoRoot, 'examples/dashboard-app/server.mjs')], {
      env: { ...process.env, DATABASE_URL: running.appUrl!, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const appBase = await new Promise<string>((resolve, reject) => {
      example!.once('exit', (code) => reject(new Error(`the example app exited with ${code}`)));
      example!.stdout!.on('data', (b: Buffer) => {
        const m = /listening on (http:\/\/\S+)\/dashboard/.exec(b.toString());
        if (m) resolve(m[1]!);
      });
    });
    for (const user of [21, 22, 23])
      expect((await fetch(`${appBase}/dashboard?user=${user}`)).status).toBe(200);

    const stopped = await json('POST', `/api/captures/${captureId}/stop`);
    expect(await stopped.json()).toEqual({ id: captureId, status: 'completed' });
    const record = CaptureRecordSchema.parse(await (await app.request(`/api/captures/${captureId}`)).json());
    const dashboards = record.capture.requests.filter((r) => r.endpoint === '/dashboard');
    expect(dashboards).toHaveLength(3);
    expect(record.capture.endpoints[0]).toMatchObject({
      endpoint: '/dashboard',
      requests: 3,
      allSerial: true,
    });

    const list = CaptureListSchema.parse(await (await app.request('/api/captures')).json());
    expect(list.captures[0]).toMatchObject({ id: captureId, source: 'proxy', topEndpoint: '/dashboard' });
  });

  it('exports the capture file, with values withheld when asked to redact', async () => {
    const plain = await app.request(`/api/captures/${captureId}/export`);
    expect(plain.headers.get('content-disposition')).toContain(`capture-${captureId}.json`);
    const full = CaptureSchema.parse(await plain.json());
    expect(full.requests.flatMap((r) => r.statements).some((s) => s.params.includes('21'))).toBe(true);
    const redacted = CaptureSchema.parse(
      await (await app.request(`/api/captures/${captureId}/export?redact=1`)).json(),
    );
    expect(redacted.redacted).toBe(true);
    expect(redacted.requests.flatMap((r) => r.statements).some((s) => s.params.includes('21'))).toBe(false);
  });

  it("ranks endpoints by predicted saving and explains a request's dependencies", async () => {
    const ranked = EndpointSavingsSchema.parse(
      await (await app.request(`/api/captures/${captureId}/endpoints?rtt=5`)).json(),
    );
    expect(ranked).toMatchObject({ basis: 'data', rttMs: 5 });
    const top = ranked.endpoints[0]!;
    expect(top.group.endpoint).toBe('/dashboard');
    // Three statements wait only for the user's id: at 5 ms per round trip, gathering saves at least two.
    expect(top.savingPerRequestMs).toBeGreaterThan(10);
    expect(top.totalSavingMs).toBeCloseTo(top.savingPerRequestMs * 3);

    const graph = RequestGraphSchema.parse(
      await (await app.request(`/api/captures/${captureId}/requests/${top.representativeId}/graph`)).json(),
    );
    const [user, orders, , , product] = graph.request.statements;
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ from: user!.id, to: orders!.id, kind: 'data' }),
    );
    expect(graph.edges).toContainEqual(
      expect.objectContaining({ from: orders!.id, to: product!.id, kind: 'data' }),
    );
    expect(graph.writes).toEqual([]);
    expect((await app.request(`/api/captures/${captureId}/endpoints?rtt=-1`)).status).toBe(400);
    expect((await app.request(`/api/captures/${captureId}/requests/nope/graph`)).status).toBe(404);
  });

  it('replays a request as an ordinary run with the dependencies the user kept', async () => {
    const ranked = EndpointSavingsSchema.parse(
      await (await app.request(`/api/captures/${captureId}/endpoints`)).json(),
    );
    const rid = ranked.endpoints[0]!.representativeId;
    const graph = RequestGraphSchema.parse(
      await (await app.request(`/api/captures/${captureId}/requests/${rid}/graph`)).json(),
    );
    const res = await json('POST', `/api/captures/${captureId}/requests/${rid}/replay`, {
      edges: graph.edges.map(({ from, to }) => ({ from, to })),
      trials: 2,
      warmup: 0,
    });
    expect(res.status).toBe(201);
    const started = ReplayStartedSchema.parse(await res.json());
    const run = RunRecordSchema.parse(await runs.finished(started.runId));
    expect(run.status).toBe('completed');
    expect(run.settings.strategies).toEqual(['sequential', 'dependency-aware']);
    expect(run.workload.queries).toHaveLength(5);
    expect(run.workload.queries[1]!.params?.[0]).toMatchObject({ kind: 'ref', column: 'id' });
    expect(run.trials.filter((t) => t.strategy === 'dependency-aware')).toHaveLength(2);

    const bad = await json('POST', `/api/captures/${captureId}/requests/${rid}/replay`, {
      edges: [{ from: 'x', to: 'y' }],
    });
    expect(bad.status).toBe(400);
  });

  it('refuses to replay a request that writes on a read-only target, naming the writes', async () => {
    const record = CaptureRecordSchema.parse(await (await app.request(`/api/captures/${captureId}`)).json());
    const request = record.capture.requests[0]!;
    // A stored capture whose request writes: the same request with its first statement an UPDATE,
    // through a saved connection without Allow writes (on the embedded demo they run rolled back).
    const saved = await json('POST', '/api/connections', { name: 'staging', url });
    const writer = structuredClone(record);
    writer.id = `${record.id.slice(0, -1)}w`;
    writer.target = { kind: 'connection', id: ((await saved.json()) as { id: string }).id };
    writer.capture.requests = [
      {
        ...request,
        statements: request.statements.map((s, i) =>
          i === 0
            ? {
                ...s,
                sql: 'UPDATE users SET name = name WHERE id = $1',
                tablesWritten: ['users'],
                commandTag: 'UPDATE 1',
              }
            : s,
        ),
      },
    ];
    await captures.store.save(writer);
    const res = await json('POST', `/api/captures/${writer.id}/requests/${request.id}/replay`, {});
    expect(res.status).toBe(400);
    const err = ApiErrorSchema.parse(await res.json());
    expect(err.error.code).toBe('read_only_violation');
    expect(err.error.message).toMatch(/This request writes \(.+\)/);
    expect(err.error.hint).toMatch(/Allow writes/);
  });

  it('a captured statement that escapes read-only is refused by the guard before any replay runs', async () => {
    const record = CaptureRecordSchema.parse(await (await app.request(`/api/captures/${captureId}`)).json());
    const request = record.capture.requests[0]!;
    const before = runs.list().length;
    // Issue #12's classes, as an app's traffic could carry them into a replay.
    const escapes = [
      "SELECT ('/etc/hostname'::text).pg_read_file AS f",
      'SELECT (pid).pg_terminate_backend FROM pg_stat_activity WHERE pid <> pg_backend_pid()',
      "SELECT 1 --\rCOPY users TO PROGRAM 'id'",
      "SELECT pg_create_logical_replication_slot('gs_replay', 'pgoutput')",
      'EXPLAIN ANALYZE SELECT * INTO gs_replay_copy FROM users',
      "SELECT pg_notify('gs', 'x')",
    ];
    for (const [n, sql] of escapes.entries()) {
      const evil = structuredClone(record);
      evil.id = `${record.id.slice(0, -2)}e${n}`;
      evil.capture.requests = [
        {
          ...request,
          statements: request.statements.map((s, i) =>
            i === 0 ? { ...s, sql, params: [], paramTypes: [], valueRefs: [] } : { ...s, valueRefs: [] },
          ),
        },
      ];
      await captures.store.save(evil);
      const res = await json('POST', `/api/captures/${evil.id}/requests/${request.id}/replay`, {});
      expect(res.status, sql).toBe(400);
      expect(ApiErrorSchema.parse(await res.json()).error.code, sql).toMatch(
        /read_only_violation|validation_failed/,
      );
    }
    // Nothing ran: no run was started, no slot exists.
    expect(runs.list().length).toBe(before);
  });

  it('imports an OTLP trace as a capture whose dependencies come from timing only', async () => {
    const file = path.join(repoRoot, 'server/test/fixtures/traces/shop.otlp.json');
    const trace = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
    const res = await json('POST', '/api/traces', { fileName: 'shop.otlp.json', trace });
    expect(res.status).toBe(201);
    const imported = ImportedTraceSchema.parse(await res.json());
    expect(imported.requests).toBeGreaterThan(0);
    const record = CaptureRecordSchema.parse(await (await app.request(imported.url)).json());
    expect(record).toMatchObject({ source: 'otlp', fileName: 'shop.otlp.json', status: 'completed' });
    const ranked = EndpointSavingsSchema.parse(
      await (await app.request(`/api/captures/${imported.id}/endpoints`)).json(),
    );
    expect(ranked.basis).toBe('timing');
    // A trace has no parameter values: a replay would send psycopg's %s, so it is refused, saying why.
    const replay = await json(
      'POST',
      `/api/captures/${imported.id}/requests/${ranked.endpoints[0]!.representativeId}/replay`,
      {},
    );
    expect(replay.status).toBe(400);
    expect(ApiErrorSchema.parse(await replay.json()).error.message).toMatch(
      /without the values of their placeholders/,
    );
    const jaeger = JSON.parse(
      await fs.readFile(path.join(repoRoot, 'server/test/fixtures/traces/shop.jaeger.json'), 'utf8'),
    ) as unknown;
    const fromJaeger = ImportedTraceSchema.parse(
      await (await json('POST', '/api/traces', { fileName: 'shop.jaeger.json', trace: jaeger })).json(),
    );
    const stored = CaptureRecordSchema.parse(await (await app.request(fromJaeger.url)).json());
    expect(stored.source).toBe('jaeger');
    expect(
      CaptureListSchema.parse(await (await app.request('/api/captures')).json()).captures[0],
    ).toMatchObject({
      id: fromJaeger.id,
      source: 'jaeger',
      fileName: 'shop.jaeger.json',
    });
    const notATrace = await json('POST', '/api/traces', { fileName: 'x.json', trace: { hello: 1 } });
    expect(notATrace.status).toBe(400);
  });

  it('stops a capture that no page ever watched, keeping its record and saying why', async () => {
    const res = await json('POST', '/api/captures', {});
    const { id } = CreatedCaptureSchema.parse(await res.json());
    clock.advance(FIRST_VIEWER_MS);
    const record = CaptureRecordSchema.parse(await captures.finished(id));
    expect(record.status).toBe('cancelled');
    expect(record.error?.message).toMatch(/nobody opened its page/);
    expect(record.capture.endedAt).not.toBeNull();
    // Its port is closed: a second capture may start.
    const again = await json('POST', '/api/captures', { detached: true });
    expect(again.status).toBe(201);
    const second = CreatedCaptureSchema.parse(await again.json()).id;
    expect((await json('POST', '/api/captures', {})).status).toBe(429);
    await json('POST', `/api/captures/${second}/stop`);
  });

  it('deletes a capture', async () => {
    expect((await app.request(`/api/captures/${captureId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/api/captures/${captureId}`)).status).toBe(404);
  });
});
