import { CreatedRunSchema, RunRecordSchema } from '@gatherscope/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { VIEWER_GRACE_MS } from '../../src/jobs/jobs';
import { AdminSession } from '../pg-admin';
import { runningWith, sleep, until } from './helpers';
import { servedApp } from './served-app';

const MARKER = 'pg_sleep(20.5)';
/** The job core's wait for a viewer to come back. */
const GRACE_MS = VIEWER_GRACE_MS;

const runRequest = (detached: boolean) => ({
  workload: {
    name: 'long',
    queries: [
      { id: 'a', sql: `SELECT ${MARKER}, count(*) FROM users` },
      { id: 'b', sql: `SELECT ${MARKER}, count(*) FROM orders` },
    ],
  },
  strategies: ['concurrent'],
  trials: 2,
  warmup: 0,
  detached,
});

/**
 * The viewer's side of a run over real HTTP: the browser tab that closes is the SSE connection
 * that goes away. Its in-flight statements must stop on the server once the grace for a reload
 * (5 s) has passed, within 2 s after it, unless the run was started detached.
 */
describe('the viewer closes the stream mid-run', () => {
  const url = inject('demoUrl');
  const http = servedApp(url);
  /** What runs on the server, polled every 25 ms through the grace: one session, see AdminSession. */
  const admin = new AdminSession(url);
  afterAll(() => admin.end());

  async function startAndWatch(detached: boolean): Promise<{ id: string; close: () => void }> {
    const res = await fetch(`${http.base}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: http.base },
      body: JSON.stringify(runRequest(detached)),
    });
    expect(res.status).toBe(201);
    const created = CreatedRunSchema.parse(await res.json());
    const viewer = new AbortController();
    const stream = await fetch(`${http.base}${created.eventsUrl}`, {
      headers: { accept: 'text/event-stream', origin: http.base },
      signal: viewer.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    // Read until the run's statements are on the server.
    await until(
      async () => (await runningWith(admin, MARKER)).length >= 2,
      10_000,
      'the run did not start its queries',
    );
    void reader.read().catch(() => {});
    return { id: created.id, close: () => viewer.abort() };
  }

  it('cancels the in-flight queries within 2 s of the grace for a reload', { timeout: 60_000 }, async () => {
    const run = await startAndWatch(false);
    const t0 = performance.now();
    run.close();
    const ms = await until(
      async () => (await runningWith(admin, MARKER)).length === 0,
      GRACE_MS + 4_000,
      'queries still running',
    );
    console.log(`in-flight queries stopped ${Math.round(performance.now() - t0)} ms after the viewer left`);
    // Not before the grace (a reload would have found its run gone), and well within 2 s after it.
    expect(ms).toBeGreaterThan(GRACE_MS - 500);
    expect(ms).toBeLessThan(GRACE_MS + 2_000);
    const status = async () =>
      RunRecordSchema.parse(
        await (await fetch(`${http.base}/api/runs/${run.id}`, { headers: { origin: http.base } })).json(),
      ).status;
    await until(async () => (await status()) !== 'running', 5_000, 'the run did not end');
    expect(await status()).toBe('cancelled');
  });

  it('keeps a detached run going when its viewer leaves', { timeout: 60_000 }, async () => {
    const run = await startAndWatch(true);
    run.close();
    await sleep(1_500);
    expect((await runningWith(admin, MARKER)).length).toBeGreaterThanOrEqual(2);
    const stop = await fetch(`${http.base}/api/runs/${run.id}/stop`, {
      method: 'POST',
      headers: { origin: http.base },
    });
    expect(stop.status).toBeLessThan(300);
    await until(
      async () => (await runningWith(admin, MARKER)).length === 0,
      3_000,
      'queries still running after stop',
    );
  });
});
