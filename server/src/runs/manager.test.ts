import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type ParsedRunRequest, RunRequestSchema } from '@gatherscope/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedTarget, oneWorkloadCatalog } from '../../test/support/test-app';
import { fakeRunProfile } from '../../test/support/test-double';
import type { RunProfile } from '../engine/types';
import { RunManager } from './manager';
import { RunStore } from './store';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function manager(
  runProfile: RunProfile,
  opts: Partial<ConstructorParameters<typeof RunManager>[0]> = {},
) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-manager-'));
  dirs.push(dir);
  const store = await RunStore.open(dir, () => {});
  const runs = new RunManager({
    store,
    runProfile,
    workloads: oneWorkloadCatalog,
    resolveTarget: fixedTarget('postgres://nobody@127.0.0.1:1/none'),
    log: () => {},
    ...opts,
  });
  return { runs, store, dir };
}

const request = (over: Record<string, unknown> = {}): ParsedRunRequest =>
  RunRequestSchema.parse({ workload: 'two-queries', strategies: ['sequential'], warmup: 0, ...over });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RunManager', () => {
  it('saves the trials of a running run periodically, and the whole record at the end', async () => {
    const { runs, dir } = await manager(fakeRunProfile(20), { persistEveryMs: 50 });
    const { id } = await runs.start(request({ trials: 30, detached: true }));
    await sleep(400);
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, 'runs', `${id}.json`), 'utf8'));
    expect(onDisk.status).toBe('running');
    expect(onDisk.trials.length).toBeGreaterThan(2);
    expect(onDisk.trials.length).toBeLessThan(30);
    await runs.shutdown();
    const final = JSON.parse(await fs.readFile(path.join(dir, 'runs', `${id}.json`), 'utf8'));
    expect(final.status).toBe('cancelled');
  });

  it('cancels a non-detached run whose stream nobody opens', async () => {
    const { runs } = await manager(fakeRunProfile(20), { firstViewerMs: 100 });
    const { id } = await runs.start(request({ trials: 100 }));
    await sleep(400);
    expect((await runs.get(id))?.status).toBe('cancelled');
  });

  it('keeps a run whose viewer comes back within the grace (a reload), and says why it stopped one nobody came back to', async () => {
    const { runs } = await manager(fakeRunProfile(20), { viewerGraceMs: 300 });
    const { id } = await runs.start(request({ trials: 200 }));
    const leave = runs.attachViewer(id);
    leave();
    await sleep(150);
    const back = runs.attachViewer(id);
    await sleep(500);
    expect((await runs.get(id))?.status).toBe('running');
    back();
    await sleep(600);
    const record = await runs.get(id);
    expect(record?.status).toBe('cancelled');
    expect(record?.error).toMatchObject({ code: 'run_unwatched', message: 'Stopped: its page was closed.' });
    const types = (await runs.events(id))?.since(0).map((e) => e.event.type);
    expect(types?.slice(-2)).toEqual(['error', 'done']);
  });

  it('leaves the error of a run stopped by request empty', async () => {
    const { runs } = await manager(fakeRunProfile(20), { viewerGraceMs: 300 });
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
    await sleep(50);
    const log = await runs.events(id);
    const types = log?.since(0).map((e) => e.event.type);
    expect(types).toEqual(['run-started', 'error', 'done']);
    const record = await runs.get(id);
    expect(record?.status).toBe('failed');
    expect(record?.error?.code).toBe('internal');
  });
});
