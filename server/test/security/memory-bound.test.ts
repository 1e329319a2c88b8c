import {
  CreatedLoadTestSchema,
  CreatedRunSchema,
  LoadTestRecordSchema,
  type RunRecord,
  RunRecordSchema,
} from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { until } from '../faults/helpers';
import { gatherscopeBackends } from '../pg-admin';
import { type SpawnedServer, spawnServer } from '../spawned-server';
import { createVictimDatabase, dbName, dropDatabase } from './fixture';

const MB = 1024 * 1024;
// Each value is built from a block of 'x' repeated, not from one character 100 million times:
// the same row, byte for byte, for half of PostgreSQL's CPU (repeat() copies its string once per
// repetition: 0.8 CPU-s a row for repeat('x', 1e8), 0.3 like this).
/** 100 MB in one row, past the default byte cap (16 MB): refused by its header, never buffered. */
const HUGE = `SELECT repeat(repeat('x', 10000), 10000) AS huge`;
/** 15 MB, just under the cap: legitimately received, a few at a time across the process (message-budget.ts). */
const BIG = `SELECT repeat(repeat('x', 15000), 1000) AS big`;

/**
 * Results far bigger than the caps, several at once through the real API (two profile runs of
 * four concurrent statements and a load test of four users): the server's memory stays bounded
 * (issue #12: one `repeat('x', 1e8)` took it from 97 to 400 MB, four at once to 1.8 GB).
 */
describe('huge results do not take the server memory', () => {
  // A database of its own, so "no backend left" counts this server's backends only, not those of the
  // test files running beside it.
  const template = inject('clusterUrlTemplate');
  let url: string;
  let server: SpawnedServer;
  beforeAll(async () => {
    url = await createVictimDatabase(template, 'gs_memory');
    server = await spawnServer(url);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    if (url) await dropDatabase(template, dbName(url));
  });

  it('peak RSS stays under 300 MB with runs and a load test of huge results at once', {
    timeout: 90_000,
  }, async () => {
    const { base } = server;
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const baseline = await server.rss();
    let peak = baseline;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await server.rss());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // /api/health keeps answering while the results arrive.
    let slowestHealthMs = 0;
    const health = (async () => {
      while (sampling) {
        const t0 = performance.now();
        await fetch(`${base}/api/health`, { headers: { origin: base } });
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - t0);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const workload = (sql: (i: number) => string) => ({
      name: 'huge',
      queries: [0, 1, 2, 3].map((i) => ({ id: `q${i}`, sql: sql(i) })),
    });
    const runBody = (sql: (i: number) => string, statementMode: string) => ({
      workload: workload(sql),
      statementMode,
      strategies: ['concurrent'],
      trials: 2,
      warmup: 0,
      poolSize: 4,
      detached: true,
    });
    const runs = await Promise.all([
      // The simple protocol (no row limit in the protocol) and the extended one alike.
      post(
        '/api/runs',
        runBody(() => HUGE, 'simple'),
      ),
      post(
        '/api/runs',
        runBody(() => BIG, 'extended'),
      ),
    ]);
    const load = CreatedLoadTestSchema.parse(
      await post('/api/load-tests', {
        workload: { name: 'big', queries: [{ id: 'b', sql: BIG }] },
        strategies: ['sequential'],
        model: { kind: 'closed', vus: 4 },
        durationS: 3,
        poolSize: 4,
        graceMs: 500,
        statementMode: 'prepared',
        detached: true,
      }),
    );

    const runRecord = async (id: string) =>
      RunRecordSchema.parse(
        await (await fetch(`${base}/api/runs/${id}`, { headers: { origin: base } })).json(),
      );
    const ids = runs.map((r) => CreatedRunSchema.parse(r).id);
    await until(
      async () => (await Promise.all(ids.map(runRecord))).every((r) => r.status !== 'running'),
      60_000,
      'the runs did not finish',
    );
    await until(
      async () => {
        const res = await fetch(`${base}/api/load-tests/${load.id}`, { headers: { origin: base } });
        return LoadTestRecordSchema.parse(await res.json()).status !== 'running';
      },
      30_000,
      'the load test did not finish',
    );
    sampling = false;
    await Promise.all([sampler, health]);

    console.log(
      `server RSS: baseline ${Math.round(baseline / MB)} MB, peak ${Math.round(peak / MB)} MB; slowest /api/health ${Math.round(slowestHealthMs)} ms`,
    );
    // Each over-cap result failed as such; the just-under-cap ones succeeded.
    const [allHuge, allBig] = await Promise.all(ids.map(runRecord));
    const spans = (r: RunRecord) => r.trials.flatMap((t) => t.spans);
    expect(spans(allHuge!).every((s) => s.error !== undefined)).toBe(true);
    expect(spans(allBig!).every((s) => s.error === undefined && s.bytes > 14 * 1000 * 1000)).toBe(true);
    const loaded = LoadTestRecordSchema.parse(
      await (await fetch(`${base}/api/load-tests/${load.id}`, { headers: { origin: base } })).json(),
    );
    expect(loaded.results[0]!.requests - loaded.results[0]!.errors).toBeGreaterThan(0);
    expect(peak).toBeLessThan(300 * MB);
    await until(
      async () => (await gatherscopeBackends(url, dbName(url))).length === 0,
      3_000,
      'backends left',
    );
  });
});
