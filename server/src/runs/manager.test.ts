import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type ParsedRunRequest, RunRequestSchema } from '@gatherscope/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { emptyCatalog, fixedTarget, oneWorkloadCatalog } from '../../test/support/test-app';
import { steppedRunProfile } from '../../test/support/test-double';
import type { RunProfile } from '../engine/types';
import { VIEWER_GRACE_MS } from '../jobs/jobs';
import { RunManager } from './manager';
import { RunStore } from './store';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function manager(runProfile: RunProfile) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-manager-'));
  dirs.push(dir);
  const clock = new ManualClock();
  const store = await RunStore.open(dir, () => {});
  // Every write the manager starts, so a test can wait for them instead of sleeping.
  const writes: Promise<void>[] = [];
  const save = store.save.bind(store);
  store.save = (r) => {
    const w = save(r);
    writes.push(w);
    return w;
  };
  const settle = () => Promise.all(writes);
  const runs = new RunManager({
    store,
    runProfile,
    workloads: oneWorkloadCatalog,
    resolveTarget: fixedTarget('postgres://nobody@127.0.0.1:1/none'),
    log: () => {},
    persistEveryMs: 2_000,
    clock,
    catalogOf: emptyCatalog,
  });
  const onDisk = async (id: string) =>
    JSON.parse(await fs.readFile(path.join(dir, 'runs', `${id}.json`), 'utf8')) as {
      status: string;
      trials: unknown[];
      error: { code: string; message: string } | null;
    };
  return { runs, clock, onDisk, settle };
}

const request = (over: Record<string, unknown> = {}): ParsedRunRequest =>
  RunRequestSchema.parse({ workload: 'two-queries', strategies: ['sequential'], warmup: 0, ...over });

describe('RunManager: profiling runs on the job core', () => {
  it('shows and saves the trials of a running run as they finish, and the whole record at the end', async () => {
    const p = steppedRunProfile();
    const { runs, clock, onDisk, settle } = await manager(p.profile);
    const { id } = await runs.start(request({ trials: 30, detached: true }));
    p.trial();
    p.trial();
    p.trial();
    expect((await runs.get(id))?.trials).toHaveLength(3);
    await settle();
    expect((await onDisk(id)).trials).toHaveLength(0);
    clock.advance(2_000);
    await settle();
    expect(await onDisk(id)).toMatchObject({ status: 'running', trials: { length: 3 } });
    p.trial();
    p.complete();
    await runs.finished(id);
    expect(await onDisk(id)).toMatchObject({ status: 'completed', trials: { length: 4 }, error: null });
  });

  it('records why a run nobody came back to stopped, in its record and at the end of its events', async () => {
    const p = steppedRunProfile();
    const { runs, clock, onDisk } = await manager(p.profile);
    const { id } = await runs.start(request({ trials: 200 }));
    const leave = runs.attachViewer(id);
    p.trial();
    leave();
    clock.advance(VIEWER_GRACE_MS);
    const record = await runs.finished(id);
    expect(record).toMatchObject({
      status: 'cancelled',
      error: { code: 'job_unwatched', message: 'Stopped: its page was closed.' },
      trials: { length: 1 },
    });
    expect((await onDisk(id)).error?.message).toBe('Stopped: its page was closed.');
    const types = (await runs.events(id))?.since(0).map((e) => e.event.type);
    expect(types).toEqual(['run-started', 'span', 'span', 'trial', 'error', 'done']);
  });

  it('leaves the error of a run stopped by request empty', async () => {
    const { runs } = await manager(steppedRunProfile().profile);
    const { id } = await runs.start(request({ trials: 200 }));
    const leave = runs.attachViewer(id);
    expect(await runs.stop(id)).toBe('cancelled');
    leave();
    expect((await runs.get(id))?.error).toBeNull();
  });

  it('ends a run whose driver throws as failed, with an error event before done', async () => {
    const broken: RunProfile = async () => {
      throw new Error('boom');
    };
    const { runs } = await manager(broken);
    const { id } = await runs.start(request({ detached: true }));
    const record = await runs.finished(id);
    expect(record?.status).toBe('failed');
    expect(record?.error?.code).toBe('internal');
    const types = (await runs.events(id))?.since(0).map((e) => e.event.type);
    expect(types).toEqual(['run-started', 'error', 'done']);
  });
});
