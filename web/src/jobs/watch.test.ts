import { type LoadEvent, LoadSettingsSchema, type RunEvent, RunSettingsSchema } from '@gatherscope/shared';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runJob, runKeys } from '../api/runs';
import { loadJob, loadKeys } from '../load/api';
import { type LiveLoad, liveFromLoadRecord } from '../load/live';
import type { LiveRun } from '../timeline/live-run';
import { runningJobs, watchJob } from './watch';

/** A stand-in for the browser's EventSource: the test plays the server. */
class FakeEventSource extends EventTarget {
  static CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = 1;
  constructor(readonly url: string) {
    super();
    FakeEventSource.opened.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  send(event: LoadEvent | RunEvent, id: number) {
    this.dispatchEvent(
      new MessageEvent(event.type, { data: JSON.stringify(event), lastEventId: String(id) }),
    );
  }
}

/** The tab's sessionStorage: survives a reload of the page, not the tab. */
class FakeStorage {
  items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal('sessionStorage', new FakeStorage());
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 0) as unknown as number);
  vi.stubGlobal('cancelAnimationFrame', (h: number) => clearTimeout(h));
});
afterEach(() => vi.unstubAllGlobals());

const tick = () => new Promise((r) => setTimeout(r, 5));
const database = { name: 'd', label: 'd', serverVersion: '16', embedded: true };

/** A load test the cache already holds as running (what its page read from GET /api/load-tests/:id). */
function runningLoadTest(client: QueryClient, id: string) {
  client.setQueryData(
    loadKeys.live(id),
    liveFromLoadRecord({
      id,
      kind: 'load',
      createdAt: '2026-12-06T00:00:00Z',
      finishedAt: null,
      status: 'running',
      settings: LoadSettingsSchema.parse({ strategies: ['sequential'], model: { kind: 'closed', vus: 2 } }),
      workload: { name: 'w', queries: [{ id: 'q', sql: 'SELECT 1' }] },
      target: { kind: 'default' },
      database,
      series: [],
      results: [],
      sweep: [],
      verdict: null,
      error: null,
    }),
  );
}

describe('watchJob: the tab follows a job, whatever page shows it', () => {
  it('follows a running load test once, lists it as in progress elsewhere, and lets go when it ends', async () => {
    const client = new QueryClient();
    runningLoadTest(client, 'lt1');
    watchJob(client, loadJob, 'lt1');
    watchJob(client, loadJob, 'lt1'); // a page mounted again: still one stream
    expect(FakeEventSource.opened.map((s) => s.url)).toEqual(['/api/load-tests/lt1/events']);
    const [job] = runningJobs();
    expect(job).toMatchObject({ id: 'lt1', label: 'Load test', href: '/load/lt1' });
    expect(job?.shows({ pathname: '/load/lt1', search: '' })).toBe(true);
    expect(job?.shows({ pathname: '/history', search: '' })).toBe(false);

    const es = FakeEventSource.opened[0]!;
    es.send({ type: 'phase', stage: 'test', strategy: 'sequential', poolSize: 2 }, 2);
    await tick();
    expect(client.getQueryData<LiveLoad>(loadKeys.live('lt1'))?.phase?.strategy).toBe('sequential');
    es.send({ type: 'done', status: 'completed' }, 3);
    await tick();
    expect(client.getQueryData<LiveLoad>(loadKeys.live('lt1'))?.status).toBe('completed');
    expect(es.readyState).toBe(FakeEventSource.CLOSED);
    expect(runningJobs()).toEqual([]);
  });

  it('follows a run and a load test side by side, each into its own cache key', async () => {
    const client = new QueryClient();
    runningLoadTest(client, 'lt2');
    const run: LiveRun = {
      id: 'r1',
      status: 'running',
      workload: { name: 'w', queries: [{ id: 'a', sql: 'SELECT 1' }] },
      settings: RunSettingsSchema.parse({ strategies: ['sequential'] }),
      database,
      trials: [],
      summary: null,
      error: null,
      lastEventId: 0,
    };
    client.setQueryData(runKeys.live('r1'), run);
    watchJob(client, runJob, 'r1');
    watchJob(client, loadJob, 'lt2');
    expect(runningJobs().map((j) => `${j.label} ${j.href}`)).toEqual([
      'Run /profile?run=r1',
      'Load test /load/lt2',
    ]);
    const [runStream, loadStream] = FakeEventSource.opened;
    runStream!.send({ type: 'done', status: 'cancelled' }, 5);
    await tick();
    expect(client.getQueryData<LiveRun>(runKeys.live('r1'))?.status).toBe('cancelled');
    expect(runningJobs().map((j) => j.label)).toEqual(['Load test']);
    loadStream!.send({ type: 'done', status: 'completed' }, 9);
    await tick();
    expect(runningJobs()).toEqual([]);
  });

  it('follows its jobs again after a reload of any page, from what the tab kept in its session', async () => {
    const before = new QueryClient();
    runningLoadTest(before, 'lt9');
    watchJob(before, loadJob, 'lt9');
    expect(JSON.parse(sessionStorage.getItem('gatherscope.followed-jobs') ?? '')).toEqual([
      { label: 'Load test', id: 'lt9' },
    ]);
    // The reload: a fresh module (no watches), a fresh cache, the same session.
    vi.resetModules();
    const reloaded = await import('./watch');
    expect(reloaded.runningJobs()).toEqual([]);
    const after = new QueryClient();
    runningLoadTest(after, 'lt9');
    reloaded.resumeFollowedJobs(after, runJob);
    reloaded.resumeFollowedJobs(after, loadJob);
    expect(FakeEventSource.opened.map((e) => e.url)).toEqual([
      '/api/load-tests/lt9/events',
      '/api/load-tests/lt9/events',
    ]);
    expect(reloaded.runningJobs().map((j) => j.id)).toEqual(['lt9']);
    FakeEventSource.opened[1]!.send({ type: 'done', status: 'completed' }, 4);
    await tick();
    expect(JSON.parse(sessionStorage.getItem('gatherscope.followed-jobs') ?? '')).toEqual([]);
  });
});
