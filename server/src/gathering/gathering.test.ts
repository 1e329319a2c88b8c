import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Capture, type CapturedRequest, RunSettingsSchema, WorkloadSchema } from '@gatherscope/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { captureDemo } from '../capture/test-capture';
import { captureCommand } from '../cli/capture';
import { dispatch } from '../cli/main';
import { runProfile } from '../engine/run-profile';
import { inferDependencies } from './infer';
import { predictGathering } from './predict';
import { requestToWorkload } from './to-workload';

/**
 * A real client (node-postgres) talks to the demo shop through the capture proxy; each scenario is
 * one request, tagged with its own traceparent as an instrumented app tags its SQL.
 */
let capture: Capture;
const traces = new Map<string, string>();

beforeAll(async () => {
  const tc = await captureDemo(inject('demoUrl'));
  const c2 = new pg.Client({ connectionString: tc.url });
  await c2.connect();
  const run = async (name: string, statements: (string | [string, (r: pg.QueryResult[]) => unknown[]])[]) => {
    const trace = randomBytes(16).toString('hex');
    traces.set(name, trace);
    const tag = ` /*route='${name}',traceparent='00-${trace}-${randomBytes(8).toString('hex')}-01'*/`;
    const results: pg.QueryResult[] = [];
    for (const s of statements) {
      const [sql, params] = typeof s === 'string' ? [s, () => []] : s;
      results.push(await c2.query(sql + tag, params(results)));
    }
  };
  try {
    await run('data-flow', [
      ['SELECT id, country FROM users WHERE id = $1', () => [4242]],
      ['SELECT id, product_id FROM orders WHERE user_id = $1 ORDER BY id LIMIT 1', (r) => [r[0]!.rows[0].id]],
      'SELECT count(*) AS products FROM products',
      ['SELECT count(*) AS reviews FROM reviews WHERE product_id = $1', (r) => [r[1]!.rows[0].product_id]],
    ]);
    await run('transaction', [
      'BEGIN',
      'SELECT count(*) AS n FROM users',
      'SELECT count(*) AS n FROM products',
      'COMMIT',
    ]);
    await run('look-alike', [
      'SELECT 777 AS id',
      "SELECT 'id 777' AS label /* 777 */",
      'SELECT 777 + 0 AS again',
    ]);
    await run('writes', [
      'CREATE TEMP TABLE gs_gathering (x int)',
      'INSERT INTO gs_gathering VALUES (1)',
      'SELECT count(*) AS users FROM users',
      'SELECT x FROM gs_gathering',
      'INSERT INTO gs_gathering VALUES (2)',
    ]);
    await run('slow', [
      'SELECT 4242 AS id, pg_sleep(0.04)::text AS slept',
      'SELECT pg_sleep(0.04)::text AS slept',
      'SELECT pg_sleep(0.04)::text AS slept',
      ['SELECT $1::int AS same, pg_sleep(0.04)::text AS slept', (r) => [r[0]!.rows[0].id]],
    ]);
  } finally {
    await c2.end();
  }
  capture = await tc.stop();
}, 60_000);

const request = (name: string): CapturedRequest => {
  const r = capture.requests.find((x) => x.traceId === traces.get(name));
  if (!r)
    throw new Error(
      `no captured request for ${name}: ${capture.requests.map((x) => x.tags.route).join(', ')}`,
    );
  return r;
};
const edges = (name: string) => {
  const g = inferDependencies(request(name));
  return g.edges.map((e) => `${g.labels.get(e.from)} -> ${g.labels.get(e.to)} (${e.kind})`).sort();
};

describe('dependencies inferred from the captured data', () => {
  it('links a query to the earlier ones whose returned values it uses, and no other', () => {
    expect(edges('data-flow')).toEqual(['orders -> reviews (data)', 'users -> orders (data)']);
    const g = inferDependencies(request('data-flow'));
    expect(g.edges.find((e) => e.kind === 'data' && g.labels.get(e.to) === 'orders')?.reason).toBe(
      'orders uses 4242, returned by users.id',
    );
  });

  it('keeps one transaction in order on its connection', () => {
    expect(edges('transaction')).toEqual([
      'begin -> users (transaction)',
      'products -> commit (transaction)',
      'users -> products (transaction)',
    ]);
  });

  it('a value inside a string or a comment is no use of it; a literal of the same value is', () => {
    expect(edges('look-alike')).toEqual(['query -> query_3 (data)']);
  });

  it('a read after a write of its table, and writes in their order', () => {
    // CREATE TEMP TABLE, INSERT, an unrelated read, a read of the new rows, INSERT again.
    expect(edges('writes')).toEqual([
      'gs_gathering -> gs_gathering_2 (write-read)',
      'gs_gathering -> gs_gathering_3 (write-order)',
      'gs_gathering_2 -> gs_gathering_3 (read-write)',
      'query -> gs_gathering (write-order)',
    ]);
  });
});

describe('prediction and replay', () => {
  it('predicts what gathering saves from the graph and the captured durations, and the replay measures it', async () => {
    const r = request('slow');
    const graph = inferDependencies(r);
    const p = predictGathering(r, graph, 0);
    // Four 40 ms statements; the last uses the first's id, the middle two are free.
    expect(p.sequentialMs).toBeGreaterThan(160);
    expect(p.criticalPath.map((id) => graph.labels.get(id))).toEqual(['query', 'query_4']);
    expect(p.savingMs).toBeGreaterThan(60);
    expect(p.pipelinedMs).toBeCloseTo(p.sequentialMs, 0);

    const { workload, writes } = await requestToWorkload(r, graph);
    expect(writes).toEqual([]);
    expect(workload.queries.map((q) => [q.id, q.dependsOn ?? []])).toEqual([
      ['query', []],
      ['query_2', []],
      ['query_3', []],
      ['query_4', ['query']],
    ]);
    expect(workload.queries[3]?.params).toEqual([{ kind: 'ref', query: 'query', column: 'id' }]);
    const run = await runProfile({
      url: inject('demoUrl'),
      workload,
      settings: RunSettingsSchema.parse({
        strategies: ['sequential', 'dependency-aware'],
        trials: 3,
        warmup: 1,
      }),
      signal: new AbortController().signal,
      onEvent: () => {},
    });
    const median = (s: string) =>
      run.summary?.strategies.find((x) => x.strategy === s)?.wallMs.median ?? Number.NaN;
    const measured = median('sequential') - median('dependency-aware');
    // Sleeps dominate both sides, so the comparison holds on a busy machine; a wrong graph (all
    // serial: no saving, or all free: a 120 ms saving) misses it by far.
    expect(measured).toBeGreaterThan(p.savingMs * 0.6);
    expect(measured).toBeLessThan(p.savingMs * 1.4);
  });

  it('turns a literal that came from an earlier statement into a ref parameter', async () => {
    const r = request('look-alike');
    const { workload } = await requestToWorkload(r, inferDependencies(r));
    expect(workload.queries[2]).toMatchObject({
      sql: expect.stringMatching(/^SELECT \$1 \+ 0 AS again/),
      params: [{ kind: 'ref', query: 'query', column: 'id' }],
      dependsOn: ['query'],
    });
    expect(workload.queries[1]?.params).toBeUndefined();
  });
});

describe('gatherscope capture report / to-workload', () => {
  const cli = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io = {
      stdout: (s: string) => {
        stdout += s;
      },
      stderr: (s: string) => {
        stderr += s;
      },
      interactive: false,
      signal: new AbortController().signal,
    };
    const code = await dispatch(['capture', ...argv], [captureCommand()], io);
    return { code, stdout, stderr };
  };
  const file = path.join(os.tmpdir(), `gatherscope-capture-${process.pid}.json`);
  beforeAll(() => fs.writeFileSync(file, JSON.stringify(capture)));
  afterAll(() => fs.rmSync(file, { force: true }));

  it('ranks the captured endpoints by predicted saving, the slow one first', async () => {
    const r = await cli(['report', file, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { basis: string; endpoints: { endpoint: string }[] };
    expect(report.basis).toBe('data');
    expect(report.endpoints[0]?.endpoint).toBe('slow');
  });

  it('writes a request as a workload that gatherscope run takes, naming each dependency’s reason', async () => {
    const r = await cli(['to-workload', file, '--request', 'data-flow']);
    expect(r.code, r.stderr).toBe(0);
    const workload = WorkloadSchema.parse(JSON.parse(r.stdout));
    expect(workload.queries.map((q) => [q.id, q.dependsOn ?? []])).toEqual([
      ['users', []],
      ['orders', ['users']],
      ['products', []],
      ['reviews', ['orders']],
    ]);
    expect(r.stderr).toContain('orders after users: orders uses 4242, returned by users.id');
    const bad = await cli(['to-workload', file, '--request', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('No request or endpoint "nope"');
  });
});
