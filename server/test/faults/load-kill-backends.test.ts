import { describe, expect, inject, it } from 'vitest';
import { applicationNameOf } from '../../src/load/runner';
import { startLoadTest } from '../load-run';
import { gatherscopeBackends } from '../pg-admin';
import { noneLeft, sleep, terminate, until } from './helpers';

/**
 * A DBA (or a crash) kills the backends of a load test while it runs, between and during its
 * queries. The test goes on: the cut-off requests count as errors, later ones succeed on new
 * connections, and nothing of the test is left on the database afterwards.
 */
describe('backends killed during a running load test', () => {
  const url = inject('demoUrl');

  it('counts the errors, goes on, succeeds again, and leaves no backend', { timeout: 60_000 }, async () => {
    const testId = 'killmid';
    const app = applicationNameOf(testId);
    const ours = async () => (await gatherscopeBackends(url)).filter((b) => b.app.startsWith(app));
    // Two queries per request: a kill lands between the queries of a request as well as during one.
    const { done, seconds } = startLoadTest(
      testId,
      url,
      {
        name: 'two-step',
        queries: [
          { id: 'a', sql: 'SELECT pg_sleep(0.01), count(*) FROM products' },
          { id: 'b', sql: 'SELECT pg_sleep(0.01), 1' },
        ],
      },
      { strategies: ['sequential'], model: { kind: 'closed', vus: 4 }, durationS: 6, poolSize: 4 },
    );
    await until(async () => (await ours()).length >= 4, 5_000, 'the test did not connect');
    await sleep(500);
    const killed = (await ours()).map((b) => b.pid);
    expect(await terminate(url, killed)).toBeGreaterThanOrEqual(4);
    const out = await done;

    expect(out.status).toBe('completed');
    const r = out.results[0]!;
    expect(r.errors).toBeGreaterThan(0);
    for (const key of Object.keys(r.errorsBySqlstate)) expect(['57P01', 'connection']).toContain(key);
    // Requests after the kill run on new connections: the last seconds have no error.
    const tail = seconds.slice(-2);
    expect(tail.length).toBe(2);
    for (const s of tail) {
      expect(s.requests).toBeGreaterThan(10);
      expect(Object.keys(s.errors)).toEqual([]);
    }
    expect(r.requests - r.errors).toBeGreaterThan(100);
    await noneLeft(url, killed);
    await until(async () => (await ours()).length === 0, 2_000, 'backends of the test left');
  });
});
