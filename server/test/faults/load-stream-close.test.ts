import { CreatedLoadTestSchema, LoadTestRecordSchema } from '@gatherscope/shared';
import { describe, expect, inject, it } from 'vitest';
import { applicationNameOf } from '../../src/load/runner';
import { gatherscopeBackends } from '../pg-admin';
import { until } from './helpers';
import { servedApp } from './served-app';

/**
 * The browser tab of a running load test closes: its event stream goes away over real HTTP. The
 * test must stop and leave no backend on the database within 2 s (issue: faults, load testing).
 */
describe('the viewer closes the stream of a running load test', () => {
  const url = inject('demoUrl');
  const http = servedApp(url);

  const backendsOf = async (id: string) =>
    (await gatherscopeBackends(url)).filter((b) => b.app.startsWith(applicationNameOf(id)));

  it('stops the test and leaves no backend of it within 2 s', { timeout: 60_000 }, async () => {
    const { base } = http;
    const res = await fetch(`${base}/api/load-tests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({
        workload: {
          name: 'naps',
          queries: [{ id: 'nap', sql: 'SELECT pg_sleep(0.2), count(*) FROM users' }],
        },
        strategies: ['sequential'],
        model: { kind: 'closed', vus: 4 },
        durationS: 60,
        poolSize: 4,
      }),
    });
    expect(res.status).toBe(201);
    const { id, eventsUrl } = CreatedLoadTestSchema.parse(await res.json());
    const viewer = new AbortController();
    const stream = await fetch(`${base}${eventsUrl}`, {
      headers: { accept: 'text/event-stream', origin: base },
      signal: viewer.signal,
    });
    expect(stream.status).toBe(200);
    void stream
      .body!.getReader()
      .read()
      .catch(() => {});
    await until(async () => (await backendsOf(id)).length >= 4, 10_000, 'the test did not connect');

    const t0 = performance.now();
    viewer.abort();
    await until(async () => (await backendsOf(id)).length === 0, 2_000, 'backends of the test left');
    console.log(`load test backends gone ${Math.round(performance.now() - t0)} ms after the viewer left`);

    const status = async () =>
      LoadTestRecordSchema.parse(
        await (await fetch(`${base}/api/load-tests/${id}`, { headers: { origin: base } })).json(),
      ).status;
    await until(async () => (await status()) !== 'running', 5_000, 'the test did not end');
    expect(await status()).toBe('cancelled');
  });
});
