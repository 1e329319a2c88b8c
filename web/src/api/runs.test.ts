import { type RunEvent, RunSettingsSchema } from '@gatherscope/shared';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamState } from '../jobs/event-stream';
import { followJob } from '../jobs/follow';
import { span } from '../timeline/fixtures';
import type { LiveRun } from '../timeline/live-run';
import { runJob, runKeys } from './runs';

/** A stand-in for the browser's EventSource: the test plays the server. */
class FakeEventSource extends EventTarget {
  static CLOSED = 2;
  static last: FakeEventSource | undefined;
  readyState = 1;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  send(event: RunEvent | { type: string; junk: true }, id: number) {
    this.dispatchEvent(
      new MessageEvent(event.type, { data: JSON.stringify(event), lastEventId: String(id) }),
    );
  }
}

const started: RunEvent = {
  type: 'run-started',
  runId: 'r1',
  workload: { name: 'w', queries: [{ id: 'a', sql: 'SELECT 1' }] },
  settings: RunSettingsSchema.parse({ strategies: ['sequential'], trials: 1, warmup: 0 }),
  database: { name: 'd', label: 'd', serverVersion: '16', embedded: true },
  schedule: [{ strategy: 'sequential', trial: 0 }],
};
const firstSpan: RunEvent = {
  type: 'span',
  span: span({ strategy: 'sequential', queryId: 'a', start: 0, end: 2 }),
};

beforeEach(() => {
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 0) as unknown as number);
  vi.stubGlobal('cancelAnimationFrame', (h: number) => clearTimeout(h));
});
afterEach(() => vi.unstubAllGlobals());

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('followJob with runs', () => {
  it('parses each event and grows the cached run in batches, then closes on done', async () => {
    const client = new QueryClient();
    const states: StreamState[] = [];
    const stop = followJob(client, runJob, 'r1', (s) => states.push(s));
    const es = FakeEventSource.last!;
    expect(es.url).toBe('/api/runs/r1/events');
    es.send(started, 1);
    es.send(firstSpan, 2);
    expect(client.getQueryData(runKeys.live('r1'))).toBeUndefined();
    await tick();
    const mid = client.getQueryData<LiveRun>(runKeys.live('r1'))!;
    expect(mid.trials[0]?.spans).toHaveLength(1);
    expect(mid.lastEventId).toBe(2);

    es.send({ type: 'error', code: 'database_error', message: 'gone' }, 3);
    es.send({ type: 'done', status: 'failed' }, 4);
    await tick();
    const end = client.getQueryData<LiveRun>(runKeys.live('r1'))!;
    expect(end.status).toBe('failed');
    expect(end.error?.message).toBe('gone');
    expect(es.readyState).toBe(FakeEventSource.CLOSED);
    expect(states).toContain('closed');
    stop();
  });

  it('rejects an event that does not match the contract, and tells a dropped connection from a run error', async () => {
    const client = new QueryClient();
    const states: { s: StreamState; d?: string | undefined }[] = [];
    followJob(client, runJob, 'r2', (s, d) => states.push({ s, d }));
    const es = FakeEventSource.last!;
    es.send({ type: 'span', junk: true }, 1);
    es.dispatchEvent(new Event('error'));
    await tick();
    expect(states[0]?.s).toBe('invalid');
    expect(states[0]?.d).toMatch(/unexpected span event/);
    expect(states[1]?.s).toBe('reconnecting');
    expect(client.getQueryData(runKeys.live('r2'))).toBeUndefined();
  });
});
