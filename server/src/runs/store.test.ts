import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type RunRecord, RunSettingsSchema } from '@gatherscope/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { twoQueryWorkload } from '../../test/support/test-double';
import { isRunId, newRunId, RunStore } from './store';

const dirs: string[] = [];
async function tempDir() {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-store-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

function record(over: Partial<RunRecord> = {}): RunRecord {
  return {
    id: newRunId(),
    kind: 'profile',
    createdAt: new Date().toISOString(),
    finishedAt: null,
    status: 'completed',
    settings: RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'], trials: 3, warmup: 1 }),
    workload: twoQueryWorkload,
    target: { kind: 'default' },
    database: { name: 'demo', label: 'Embedded demo shop', serverVersion: '16.4', embedded: true },
    trials: [],
    summary: null,
    error: null,
    ...over,
  };
}

describe('RunStore', () => {
  it('lists a finished run another process (the CLI) wrote while it was open, but not a running one', async () => {
    const dir = await tempDir();
    const store = await RunStore.open(dir, () => {});
    expect(store.list()).toEqual([]);
    const finished = record({ finishedAt: new Date().toISOString() });
    const running = record({ status: 'running' });
    for (const r of [finished, running])
      await fs.writeFile(path.join(dir, 'runs', `${r.id}.json`), JSON.stringify(r));
    expect(store.list().map((i) => i.id)).toEqual([finished.id]);
  });

  it('saves, lists newest first, reads back and deletes; a new instance sees the same runs', async () => {
    const dir = await tempDir();
    const store = await RunStore.open(dir, () => {});
    const older = record({ createdAt: '2026-01-01T00:00:00.000Z' });
    const newer = record({ createdAt: '2026-02-01T00:00:00.000Z' });
    await store.save(older);
    await store.save(newer);
    expect(store.list().map((r) => r.id)).toEqual([newer.id, older.id]);
    expect(store.list()[0]).toMatchObject({
      workloadName: 'two queries',
      strategies: ['sequential', 'concurrent'],
    });

    const reopened = await RunStore.open(dir, () => {});
    expect(await reopened.get(older.id)).toEqual(older);
    expect(reopened.list()).toHaveLength(2);
    expect(await reopened.delete(older.id)).toBe(true);
    expect(await reopened.delete(older.id)).toBe(false);
    expect(await reopened.get(older.id)).toBeUndefined();
    expect(reopened.list().map((r) => r.id)).toEqual([newer.id]);
    // Only the final files remain: no temp files are left behind.
    expect(await fs.readdir(path.join(dir, 'runs'))).toEqual([`${newer.id}.json`]);
  });

  it('marks runs that were running when the server died as failed (interrupted)', async () => {
    const dir = await tempDir();
    const store = await RunStore.open(dir, () => {});
    const r = record({ status: 'running' });
    await store.save(r);
    const reopened = await RunStore.open(dir, () => {});
    const got = await reopened.get(r.id);
    expect(got?.status).toBe('failed');
    expect(got?.error?.code).toBe('interrupted');
    expect(got?.finishedAt).not.toBeNull();
    expect(reopened.list()[0]?.status).toBe('failed');
  });

  it('skips and logs corrupt files instead of crashing', async () => {
    const dir = await tempDir();
    const store = await RunStore.open(dir, () => {});
    const good = record();
    await store.save(good);
    await fs.writeFile(path.join(dir, 'runs', 'aaaaaaaaaaaa.json'), '{ not json');
    await fs.writeFile(path.join(dir, 'runs', 'bbbbbbbbbbbb.json'), JSON.stringify({ id: 'bbbbbbbbbbbb' }));
    const logged: string[] = [];
    const reopened = await RunStore.open(dir, (event) => logged.push(event));
    expect(reopened.list().map((r) => r.id)).toEqual([good.id]);
    expect(logged).toEqual(['store_corrupt', 'store_corrupt']);
  });

  it('keeps the last of several quick saves and never reads outside its folder', async () => {
    const dir = await tempDir();
    const store = await RunStore.open(dir, () => {});
    const r = record({ status: 'running' });
    await Promise.all([
      store.save(r),
      store.save({ ...r, status: 'running', trials: [] }),
      store.save({ ...r, status: 'cancelled' }),
    ]);
    expect((await store.get(r.id))?.status).toBe('cancelled');
    expect(isRunId('../../etc/passwd')).toBe(false);
    expect(await store.get('../../etc/passwd')).toBeUndefined();
  });

  it('names the file of a finished run only, to stream it as stored; a reopened store too', async () => {
    const dir = await tempDir();
    const store = await RunStore.open(dir, () => {});
    const r = record({ status: 'running' });
    await store.save(r);
    // Running: its live version is in memory, not the file.
    expect(store.finishedFile(r.id)).toBeUndefined();
    await store.save({ ...r, status: 'completed', finishedAt: new Date().toISOString() });
    const file = store.finishedFile(r.id);
    expect(file).toBeDefined();
    expect(JSON.parse(await fs.readFile(file!, 'utf8'))).toEqual(await store.get(r.id));
    const reopened = await RunStore.open(dir, () => {});
    expect(reopened.finishedFile(r.id)).toBe(file);
    expect(reopened.finishedFile('../../etc/passwd')).toBeUndefined();
    await store.delete(r.id);
    expect(store.finishedFile(r.id)).toBeUndefined();
  });
});
