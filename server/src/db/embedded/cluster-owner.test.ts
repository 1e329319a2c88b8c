import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimCluster, DataDirInUseError, livingOwner } from './cluster-owner';
import { processStartTime } from './process-alive';

const dirs: string[] = [];
async function tempDir() {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-owner-test-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

const writeOwner = (dir: string, owner: object) =>
  fs.writeFile(path.join(dir, 'embedded-owner.json'), JSON.stringify(owner));

describe('cluster owner', () => {
  it('is claimed once: a second claim while the owner lives is refused with its pid', async () => {
    const dir = await tempDir();
    const release = await claimCluster(dir);
    expect(await livingOwner(dir)).toEqual({ pid: process.pid, started: processStartTime(process.pid) });
    await expect(claimCluster(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await release();
    expect(await livingOwner(dir)).toBeUndefined();
    await (await claimCluster(dir))();
  });

  it('takes over from an owner that is gone, or whose pid now belongs to another process', async () => {
    const dir = await tempDir();
    await writeOwner(dir, { pid: 999_999_999, started: null });
    expect(await livingOwner(dir)).toBeUndefined();
    await (await claimCluster(dir))();
    if (processStartTime(process.pid) !== null) {
      // Our pid, but a start time that is not ours: a reused pid, not the owner.
      await writeOwner(dir, { pid: process.pid, started: '1' });
      expect(await livingOwner(dir)).toBeUndefined();
      await (await claimCluster(dir))();
    }
    await writeOwner(dir, { nonsense: true });
    await (await claimCluster(dir))();
  });

  it('does not give up a claim that another process took over', async () => {
    const dir = await tempDir();
    const release = await claimCluster(dir);
    await writeOwner(dir, { pid: 1, started: null });
    await release();
    expect(JSON.parse(await fs.readFile(path.join(dir, 'embedded-owner.json'), 'utf8'))).toEqual({
      pid: 1,
      started: null,
    });
  });
});
