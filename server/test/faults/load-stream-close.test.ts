import { CreatedLoadTestSchema, LoadTestRecordSchema } from '@gatherscope/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { VIEWER_GRACE_MS } from '../../src/jobs/jobs';
import { applicationNameOf } from '../../src/load/runner';
import { AdminSession, gatherscopeBackends } from '../pg-admin';
import { until } from './helpers';
import { servedApp } from './served-app';

/**
 * The browser tab of a running load test closes: its event stream goes away over real HTTP. As for
 * a profile run, the test waits the viewer grace for a reload (5 s), then stops and leaves no
 * backend on the database within 2 s, and its record says why it stopped.
 */
describe('the viewer closes the stream of a running load test', () => {
  const url = inject('demoUrl');
  const http = servedApp(url);

  /** The test's backends, polled every 25 ms through the grace: one session, see AdminSession. */
  const admin = new AdminSession(url);
  afterAll(() => admin.end());
  const backendsOf = async (id: string) =>
    (await gatherscopeBackends(admin)).filter((b) => b.app.startsWith(applicationNameOf(id)));

  it('stops the test and leaves no backend of it within 2 s of the viewer grace', {
    timeout: 60_000,
  }, async () => {
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
    const ms = await until(
      async () => (await backendsOf(id)).length === 0,
      VIEWER_GRACE_MS + 4_000,
      'backends of the test left',
    );
    console.log(`load test backends gone ${Math.round(performance.now() - t0)} ms after the viewer left`);
    // Not before the grace (a reload would have found its test gone), and well within 2 s after it.
    expect(ms).toBeGreaterThan(VIEWER_GRACE_MS - 500);
    expect(ms).toBeLessThan(VIEWER_GRACE_MS + 2_000);

    const record = async () =>
      LoadTestRecordSchema.parse(
        await (await fetch(`${base}/api/load-tests/${id}`, { headers: { origin: base } })).json(),
      );
    await until(async () => (await record()).status !== 'running', 5_000, 'the test did not end');
    expect(await record()).toMatchObject({
      status: 'cancelled',
      error: { code: 'job_unwatched', message: 'Stopped: its page was closed.' },
    });
  });
});
