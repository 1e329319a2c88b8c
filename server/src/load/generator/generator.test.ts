import type { LoadEvent, LoadSecond, LoadSettings, Workload } from '@gatherscope/shared';
import { LoadSettingsSchema } from '@gatherscope/shared';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openLatencyProxy } from '../proxy';
import { applicationNameOf, runLoadTest } from '../runner';

const url = inject('demoUrl');
const admin = new pg.Pool({ connectionString: url, max: 1 });
afterAll(() => admin.end());

const settings = (s: Record<string, unknown>): LoadSettings =>
  LoadSettingsSchema.parse({ strategies: ['sequential'], ...s });

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
  const seconds = () => events.flatMap((e): LoadSecond[] => (e.type === 'second' ? [e.second] : []));
  return { done, seconds };
}

describe('the load generator on worker threads', () => {
  it('starved (1 thread, 200 users, no think time, a trivial query): says the generator was the limit', async () => {
    const { done, seconds } = run(
      't0starved',
      { name: 'trivial', queries: [{ id: 'one', sql: 'SELECT 1' }] },
      settings({
        model: { kind: 'closed', vus: 200, thinkTimeMs: 0 },
        durationS: 2,
        poolSize: 10,
        threads: 1,
      }),
    );
    const r = (await done).results[0]!;
    expect(r.errors).toBe(0);
    expect(r.generator?.threads).toBe(1);
    expect(r.limit?.by).toBe('generator');
    expect(r.limit?.message).toContain('the load generator was the bottleneck in');
    expect(r.limit?.message).toContain('gatherscope export pgbench|k6');
    const marked = seconds().filter((s) => s.generatorSaturated);
    expect(marked.length).toBe(r.generator?.saturatedSeconds);
    expect(marked.length * 2).toBeGreaterThanOrEqual(seconds().length);
  });

  it('waiting on the database (2 threads, users asleep in pg_sleep): merges both threads, blames no generator, stops both', async () => {
    const stop = new AbortController();
    const { done, seconds } = run(
      't0threads',
      { name: 'nap', queries: [{ id: 'nap', sql: 'SELECT pg_sleep(0.05)' }] },
      settings({ model: { kind: 'closed', vus: 4 }, durationS: 30, poolSize: 4, threads: 2 }),
      stop.signal,
    );
    // Stopped after two full seconds: the test does not run its 30 s.
    while (seconds().length < 2) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    const out = await done;
    const r = out.results[0]!;
    expect(out.status).toBe('cancelled');
    expect(r.generator?.threads).toBe(2);
    expect(r.errors).toBe(0);
    // Its threads mostly waited for the database (not a timing bound: asleep is idle, however slow the machine).
    expect(r.generator!.busy).toBeLessThan(0.9);
    // Both threads' requests are in the seconds: one thread's 2 users asleep 50 ms each could
    // complete at most 40 a second; 4 users up to 80.
    expect(seconds()[1]!.requests).toBeGreaterThan(40);
    // Each second's latency comes from the merged histograms.
    expect(seconds()[1]!.p50).toBeGreaterThanOrEqual(50);
    // Both threads' pools together are the pool asked for, and nothing of them is left on the server.
    expect(Math.max(...seconds().map((s) => s.dbConnections))).toBe(4);
    const left = await admin.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name LIKE $1',
      [`${applicationNameOf('t0threads')}%`],
    );
    expect(Number(left.rows[0]?.n)).toBe(0);
  });
});
