import { LoadSettingsSchema } from '@gatherscope/shared';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { warmGeneratorThreads } from '../../src/load/generator/threads';
import { openLatencyProxy } from '../../src/load/proxy';
import { runLoadTest } from '../../src/load/runner';
import { sleep } from './helpers';
import { startStallProxy } from './stall-proxy';

const workload = {
  name: 'naps',
  queries: [{ id: 'nap', sql: 'SELECT pg_sleep(0.05), count(*) FROM products' }],
};

/**
 * The database goes silent mid-test (SIGSTOP, a partition): nothing is refused, nothing arrives.
 * The load pool and its monitor have client-side deadlines, so a 4 s test ends on time instead of
 * waiting for TCP to give up (it hung 72 s before, issue #12), and Stop answers at once.
 */
describe('the network to the database goes silent during a load test', () => {
  const demo = new URL(inject('demoUrl'));
  // The load generator's threads start before the clocks below, as after a server's first test.
  beforeAll(() => warmGeneratorThreads(2));

  async function stalled(durationS: number, stopAfterMs?: number) {
    const proxy = await startStallProxy(demo.hostname, Number(demo.port));
    const via = new URL(demo);
    via.port = String(proxy.port);
    const abort = new AbortController();
    const seconds: number[] = [];
    const t0 = performance.now();
    const done = runLoadTest({
      testId: 'silent',
      url: via.toString(),
      workload,
      settings: LoadSettingsSchema.parse({
        strategies: ['sequential'],
        model: { kind: 'closed', vus: 2 },
        durationS,
        poolSize: 2,
        graceMs: 500,
      }),
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'second') seconds.push(e.second.requests);
      },
      openProxy: openLatencyProxy,
    });
    // Silent mid-test: once the load runs (its first second reported), not while the pool opens.
    while (seconds.length === 0) await sleep(50);
    await sleep(200);
    proxy.stall();
    let stopMs: number | undefined;
    if (stopAfterMs !== undefined) {
      await sleep(stopAfterMs);
      const s0 = performance.now();
      abort.abort();
      await done;
      stopMs = performance.now() - s0;
    }
    const out = await done;
    const ms = performance.now() - t0;
    await proxy.close();
    return { out, ms, stopMs, seconds };
  }

  it('a 4 s test ends on time, its stuck requests counted as errors', { timeout: 30_000 }, async () => {
    const { out, ms, seconds } = await stalled(4);
    console.log(`4 s load test with the database silent mid-test ended after ${Math.round(ms)} ms`);
    expect(out.status).toBe('completed');
    expect(ms).toBeLessThan(4_000 + 500 + 3_000);
    expect(seconds[0]).toBeGreaterThan(0);
    expect(out.results[0]!.errors).toBeGreaterThan(0);
  });

  it('Stop answers within a second while the database is silent', { timeout: 30_000 }, async () => {
    const { out, stopMs } = await stalled(60, 300);
    console.log(`Stop with the database silent answered in ${Math.round(stopMs!)} ms`);
    expect(out.status).toBe('cancelled');
    expect(stopMs).toBeLessThan(1_000);
  });
});
