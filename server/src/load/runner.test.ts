import type { LoadEvent, LoadSettings, Workload } from '@gatherscope/shared';
import { LoadSettingsSchema } from '@gatherscope/shared';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openLatencyProxy } from './proxy';
import { applicationNameOf, runLoadTest } from './runner';

const url = inject('demoUrl');
const admin = new pg.Pool({ connectionString: url, max: 1 });
afterAll(() => admin.end());

const sleepWorkload = (seconds: number): Workload => ({
  name: 'sleep',
  queries: [{ id: 'nap', sql: `SELECT pg_sleep(${seconds})` }],
});
const settings = (s: Record<string, unknown>): LoadSettings =>
  LoadSettingsSchema.parse({ strategies: ['sequential'], ...s });
const backendsOf = async (testId: string) =>
  Number(
    (
      await admin.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name LIKE $1',
        [`${applicationNameOf(testId)}%`],
      )
    ).rows[0]?.n,
  );

function run(testId: string, workload: Workload, s: LoadSettings, signal = new AbortController().signal) {
  const events: LoadEvent[] = [];
  const done = runLoadTest({
    testId,
    url,
    workload,
    settings: s,
    signal,
    onEvent: (e) => events.push(e),
    openProxy: openLatencyProxy,
  });
  return { events, done };
}

describe('runLoadTest on the real database', () => {
  it('opens the pool before measuring: no request pays the connection handshakes', async () => {
    // Through the proxy a new connection costs several round trips (TCP, startup, the session's
    // settings); a query on an open one costs one. A cold pool's first requests took 4+ RTTs. A long
    // RTT leaves the slowest request 2.5 RTTs (375 ms) of room for a busy machine, and still tells
    // the two apart.
    const rttMs = 150;
    const { done } = run(
      't0warm',
      { name: 'one', queries: [{ id: 'one', sql: 'SELECT 1' }] },
      settings({ model: { kind: 'closed', vus: 4 }, durationS: 2, poolSize: 4, rttMs }),
    );
    const r = (await done).results[0]!;
    expect(r.errors).toBe(0);
    expect(r.requests).toBeGreaterThanOrEqual(20);
    expect(r.latencyMs.max).toBeLessThan(3.5 * rttMs);
    expect(r.pool.waitMsPerAcquire).toBeLessThan(rttMs / 2);
  });

  it('open model below capacity: nothing dropped, latency stays near the query time', async () => {
    // Capacity 4 connections / 20 ms = 200 req/s; offered 20 req/s.
    const { done } = run(
      't0below',
      sleepWorkload(0.02),
      settings({ model: { kind: 'open', rate: 20 }, durationS: 3, poolSize: 4 }),
    );
    const out = await done;
    const r = out.results[0]!;
    expect(r.dropped).toBe(0);
    expect(r.errors).toBe(0);
    expect(r.requests).toBeGreaterThanOrEqual(50);
    expect(r.latencyMs.p95).toBeLessThan(150);
    expect(r.latencyMs.p50).toBeGreaterThanOrEqual(19);
  });

  it('open model above capacity: latency grows with the schedule lag and requests are dropped', async () => {
    // Capacity 2 connections / 50 ms = 40 req/s; offered 200 req/s.
    const { done, events } = run(
      't0above',
      sleepWorkload(0.05),
      settings({
        model: { kind: 'open', rate: 200, maxInFlight: 2, maxLagMs: 1500 },
        durationS: 4,
        poolSize: 2,
      }),
    );
    const out = await done;
    const r = out.results[0]!;
    expect(r.dropped).toBeGreaterThan(100);
    expect(r.latencyMs.p95).toBeGreaterThan(500);
    const seconds = events.flatMap((e) => (e.type === 'second' ? [e.second] : []));
    expect(seconds.length).toBeGreaterThanOrEqual(3);
    expect(seconds[1]!.p95).toBeGreaterThan(seconds[0]!.p95);
    expect(seconds[1]!.lagP95).toBeGreaterThan(300);
    // Throughput is the database's capacity, not the offered rate.
    expect(r.throughput).toBeLessThan(60);
  });

  it('stop cancels in-flight queries on the server: no backend of the test left within 2 s', async () => {
    const ac = new AbortController();
    const { done, events } = run(
      't0stop',
      sleepWorkload(30),
      settings({ model: { kind: 'closed', vus: 12 }, durationS: 60, poolSize: 6, rttMs: 2 }),
      ac.signal,
    );
    // Every connection of the pool busy in its 30 s statement (opening them may take a while on a
    // loaded machine), and a per-second sample taken while they are.
    for (let i = 0; i < 100 && (await backendsOf('t0stop')) < 6; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await backendsOf('t0stop')).toBe(6);
    await new Promise((r) => setTimeout(r, 1200));
    const t0 = performance.now();
    ac.abort();
    let left = await backendsOf('t0stop');
    while (left > 0 && performance.now() - t0 < 2000) {
      await new Promise((r) => setTimeout(r, 50));
      left = await backendsOf('t0stop');
    }
    expect(left).toBe(0);
    expect(performance.now() - t0).toBeLessThan(2000);
    const out = await done;
    expect(out.status).toBe('cancelled');
    const r = out.results[0]!;
    // What the user's Stop cut short is counted apart: not an error, in no error chart.
    expect(r.cancelledByStop).toBeGreaterThanOrEqual(6);
    expect(r.errors).toBe(0);
    expect(r.errorsBySqlstate).toEqual({});
    expect(events.some((e) => e.type === 'second' && Object.keys(e.second.errors).length > 0)).toBe(false);
    expect(events.some((e) => e.type === 'second' && e.second.dbConnections === 6)).toBe(true);
  });

  it('the grace period ends with in-flight work cancelled on the server, and the test goes on', async () => {
    const t0 = performance.now();
    const { done } = run(
      't0grace',
      sleepWorkload(20),
      settings({ model: { kind: 'closed', vus: 2 }, durationS: 1, graceMs: 500, poolSize: 2 }),
    );
    const out = await done;
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(out.status).toBe('completed');
    expect(out.results[0]!.errorsBySqlstate['57014']).toBe(2);
    expect(await backendsOf('t0grace')).toBe(0);
  });

  it('results over the size cap at several users: each counted as result-too-large, memory stays flat', async () => {
    // 500 MB a request if nothing stopped the server sending; the cap cuts each at 16 MB. Four users
    // at once, each result alone far over the memory bound below; a think time spares both cores
    // a stream of 16 MB cuts as fast as the machine can read them, which proves nothing more.
    const rss0 = process.memoryUsage().rss;
    const { done, events } = run(
      't0huge',
      {
        name: 'huge',
        queries: [{ id: 'x', sql: "SELECT repeat('x', 1000000) FROM generate_series(1, 500)" }],
      },
      settings({ model: { kind: 'closed', vus: 4, thinkTimeMs: 200 }, durationS: 2, poolSize: 4 }),
    );
    const out = await done;
    const r = out.results[0]!;
    expect(r.requests).toBeGreaterThan(4);
    expect(r.errorsBySqlstate).toEqual({ 'result-too-large': r.requests });
    const rss = events.flatMap((e) => (e.type === 'second' ? [e.second.rssMb] : []));
    expect(rss.length).toBeGreaterThan(0);
    const peakRss = Math.max(...rss);
    expect(peakRss * 1024 * 1024 - rss0).toBeLessThan(200 * 1024 * 1024);
    expect(await backendsOf('t0huge')).toBe(0);
  });

  it('a backend killed mid-test is counted as an error while the test goes on', async () => {
    const { done } = run(
      't0kill',
      sleepWorkload(0.05),
      settings({ model: { kind: 'closed', vus: 3 }, durationS: 3, poolSize: 3 }),
    );
    // The generator threads start and open their pools first: kill once the load runs.
    for (let i = 0; i < 100 && (await backendsOf('t0kill')) < 3; i++)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE $1',
      [`${applicationNameOf('t0kill')}%`],
    );
    const out = await done;
    const r = out.results[0]!;
    expect(r.errors).toBeGreaterThan(0);
    expect(r.errors).toBeLessThan(r.requests);
    // Requests after the kill succeed again on fresh connections.
    expect(r.requests - r.errors).toBeGreaterThan(40);
  });
});
