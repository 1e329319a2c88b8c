import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { FIRST_VIEWER_MS, Jobs, VIEWER_GRACE_MS } from './jobs';
import type { EndEvent, JobContext, JobEnd, JobRecord, JobStore } from './types';

/** A job kind for the lifecycle alone: the test decides when each job emits, grows and ends. */
interface TestRecord extends JobRecord {
  ticks: number;
}
type TestEvent = { type: 'started' } | { type: 'tick'; n: number } | EndEvent;
interface Handle {
  job: JobContext<TestEvent>;
  record: TestRecord;
  end: (e: JobEnd | Error) => void;
}
type TestRequest = { detached: boolean; fail?: boolean; ignoreStop?: boolean; endsOnStop?: boolean };

function setup(opts: { limit?: number; keepFinished?: number } = {}) {
  const clock = new ManualClock();
  const saved: TestRecord[] = [];
  const records = new Map<string, TestRecord>();
  const store: JobStore<TestRecord, string> = {
    save: async (r) => {
      saved.push(structuredClone(r));
      records.set(r.id, structuredClone(r));
    },
    get: async (id) => records.get(id),
    delete: async (id) => records.delete(id),
    list: () => [...records.keys()],
  };
  const handles = new Map<string, Handle>();
  const logged: string[] = [];
  let n = 0;
  const jobs = new Jobs<TestRecord, TestEvent, string, TestRequest>(
    {
      label: 'test job',
      plural: 'test jobs',
      logKey: 'test_job',
      store,
      limit: opts.limit ?? 2,
      limitHint: 'Wait for one to end.',
      startedEvent: () => ({ type: 'started' }),
      replay: (r) => ({
        body: Array.from({ length: r.ticks }, (_, i) => ({ type: 'tick', n: i + 1 })),
        ending: [],
      }),
      plan: async (req) => {
        if (req.fail) throw new Error('bad request');
        const record: TestRecord = {
          id: `job${++n}`,
          createdAt: new Date().toISOString(),
          finishedAt: null,
          status: 'running',
          error: null,
          ticks: 0,
        };
        return {
          record,
          detached: req.detached,
          execute: (job) =>
            new Promise<JobEnd>((resolve, reject) => {
              const end = (e: JobEnd | Error) => (e instanceof Error ? reject(e) : resolve(e));
              handles.set(record.id, { job, record, end });
              // Like a real job: stopping it ends it as cancelled.
              // Like a real job: stopping it ends it as cancelled; a capture's natural end is Stop.
              if (!req.ignoreStop) {
                const onStop = () =>
                  resolve({
                    status: req.endsOnStop && job.stopCause === 'requested' ? 'completed' : 'cancelled',
                  });
                job.signal.addEventListener('abort', onStop, { once: true });
              }
            }),
        };
      },
    },
    { log: (event) => logged.push(event), clock, persistEveryMs: 1_000, keepFinished: opts.keepFinished },
  );
  const tick = (id: string) => {
    const h = handles.get(id)!;
    h.record.ticks++;
    h.job.emit({ type: 'tick', n: h.record.ticks });
    h.job.changed();
  };
  const types = async (id: string, after = 0) =>
    (await jobs.events(id, after))?.since(after).map((e) => e.event.type);
  return { jobs, clock, saved, handles, logged, tick, types };
}

describe('Jobs: the lifecycle every job shares', () => {
  it('keeps a job whose viewer comes back within the grace (a reload) and stops one nobody came back to, saying why', async () => {
    const { jobs, clock, types } = setup();
    const { id } = await jobs.start({ detached: false });
    const leave = jobs.attachViewer(id);
    leave();
    leave(); // a second call of the same viewer's leave counts once
    clock.advance(VIEWER_GRACE_MS - 1);
    const back = jobs.attachViewer(id);
    clock.advance(60_000);
    expect((await jobs.get(id))?.status).toBe('running');
    back();
    clock.advance(VIEWER_GRACE_MS);
    const record = await jobs.finished(id);
    expect(record?.status).toBe('cancelled');
    expect(record?.error).toMatchObject({ code: 'job_unwatched', message: 'Stopped: its page was closed.' });
    expect(record?.error?.hint).toContain('A test job stops when no page shows it');
    expect(await types(id)).toEqual(['started', 'error', 'done']);
  });

  it('stops a job whose page never opened its stream, and never stops a detached one', async () => {
    const { jobs, clock } = setup();
    const { id } = await jobs.start({ detached: false });
    const kept = await jobs.start({ detached: true });
    jobs.attachViewer(kept.id)();
    clock.advance(FIRST_VIEWER_MS - 1);
    expect((await jobs.get(id))?.status).toBe('running');
    clock.advance(1);
    expect((await jobs.finished(id))?.error?.message).toBe(
      'Stopped: nobody opened its page after it was started.',
    );
    clock.advance(3_600_000);
    expect((await jobs.get(kept.id))?.status).toBe('running');
    await jobs.shutdown();
    expect(await jobs.get(kept.id)).toMatchObject({
      status: 'cancelled',
      error: { code: 'server_shutdown', message: 'Stopped: the Gatherscope server shut down.' },
    });
  });

  it('records no error for a Stop that was asked for, and none for a job that completed as it was stopped', async () => {
    const { jobs, handles, logged } = setup();
    const a = await jobs.start({ detached: true });
    expect(await jobs.stop(a.id)).toBe('cancelled');
    expect((await jobs.get(a.id))?.error).toBeNull();
    expect(logged).toContain('test_job_stopping');
    // Its last step was already done when the viewer grace ran out: it completed, nothing to explain.
    const b = await jobs.start({ detached: true, ignoreStop: true });
    const stopping = jobs.stop(b.id, 'unwatched');
    handles.get(b.id)!.end({ status: 'completed' });
    expect(await stopping).toBe('completed');
    expect((await jobs.get(b.id))?.error).toBeNull();
  });

  it('refuses a job over the limit with a 429 that says what to do, also for two starts at once', async () => {
    const { jobs } = setup({ limit: 1 });
    const both = await Promise.allSettled([jobs.start({ detached: true }), jobs.start({ detached: true })]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({
      code: 'run_limit_reached',
      status: 429,
      message: 'A test job is already running.',
      hint: 'Wait for one to end.',
    });
    // A start whose plan fails frees its place.
    await jobs.shutdown();
    await expect(jobs.start({ detached: true, fail: true })).rejects.toThrow('bad request');
    expect((await jobs.start({ detached: true })).id).toBeTruthy();
    await jobs.shutdown();
  });

  it('saves a growing record at most once per period while it runs, and the whole record at its end', async () => {
    const { jobs, clock, saved, handles } = setup();
    const { id } = await jobs.start({ detached: true });
    expect(saved.map((r) => r.status)).toEqual(['running']);
    const h = handles.get(id)!;
    const grow = () => {
      h.job.emit({ type: 'tick', n: 1 });
      h.job.changed();
    };
    grow();
    grow();
    clock.advance(999);
    expect(saved).toHaveLength(1);
    clock.advance(1);
    await Promise.resolve();
    expect(saved).toHaveLength(2);
    clock.advance(10_000); // nothing new: no save
    expect(saved).toHaveLength(2);
    h.end({ status: 'completed' });
    await jobs.finished(id);
    expect(saved.at(-1)).toMatchObject({ status: 'completed', error: null });
    expect(saved.at(-1)?.finishedAt).not.toBeNull();
    expect(clock.pending).toBe(0);
  });

  it('serves a capture-like job: events appended live reach a viewer resuming after its last id, and Stop ends it completed', async () => {
    const { jobs, tick } = setup();
    const { id } = await jobs.start({ detached: false, endsOnStop: true });
    const leave = jobs.attachViewer(id);
    tick(id);
    tick(id);
    const log = await jobs.events(id);
    expect(log?.since(2).map((e) => e.event)).toEqual([{ type: 'tick', n: 2 }]);
    tick(id);
    expect(log?.since(2).map((e) => e.seq)).toEqual([3, 4]);
    expect(await jobs.stop(id)).toBe('completed');
    leave();
    expect((await jobs.get(id))?.error).toBeNull();
    expect(log?.since(4).map((e) => e.event.type)).toEqual(['done']);
  });

  it('ends a job that throws as failed, with one error event before done', async () => {
    const { jobs, handles, types } = setup();
    const { id } = await jobs.start({ detached: true });
    handles.get(id)!.end(new Error('boom'));
    const r = await jobs.finished(id);
    expect(r).toMatchObject({ status: 'failed', error: { code: 'internal' } });
    expect(await types(id)).toEqual(['started', 'error', 'done']);
  });

  it('replays a stored job to a late reader, numbering its ending after what that reader saw', async () => {
    const { jobs, clock, handles, tick } = setup({ keepFinished: 0 });
    expect(await jobs.events('missing')).toBeUndefined();
    const { id } = await jobs.start({ detached: true });
    tick(id);
    tick(id);
    clock.advance(1_000); // saved with two ticks
    tick(id); // seen live (a reader is at id 4), lost by the stop before the next save
    expect((await jobs.events(id))?.lastSeq).toBe(4);
    expect(await jobs.stop(id, 'shutdown')).toBe('cancelled');
    // The live log is gone (keepFinished 0): the record is replayed, and it saved three ticks at the end.
    const fresh = await jobs.events(id, 0);
    expect(fresh?.since(0).map((e) => e.event.type)).toEqual([
      'started',
      'tick',
      'tick',
      'tick',
      'error',
      'done',
    ]);
    // Had the record kept fewer events than a reader saw, its ending still comes after that reader's id.
    handles.get(id)!.record.ticks = 1;
    await jobs.kind.store.save({ ...handles.get(id)!.record, ticks: 1 });
    const behind = await jobs.events(id, 9);
    expect(behind?.since(9).map((e) => [e.seq, e.event.type])).toEqual([
      [10, 'error'],
      [11, 'done'],
    ]);
  });
});
