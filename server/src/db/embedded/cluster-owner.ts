import fs from 'node:fs/promises';
import path from 'node:path';
import { createFileAtomic } from '../../store/atomic-write';
import { isAlive, processStartTime } from './process-alive';

/**
 * The Gatherscope process that runs the embedded cluster of a data directory, recorded in
 * `<dataDir>/embedded-owner.json` while it runs it. Only a cluster whose owner is gone is an orphan
 * to shut down; one whose owner lives belongs to another app (or CLI) and is never touched.
 */
export interface ClusterOwner {
  pid: number;
  /** The owner's start time, so that a reused pid is not taken for the owner; null off Linux. */
  started: string | null;
}

/** A second Gatherscope process on a data directory whose embedded PostgreSQL another one runs. */
export class DataDirInUseError extends Error {
  readonly pid: number;
  readonly dataDir: string;

  constructor(owner: ClusterOwner, dataDir: string) {
    super(
      `Another Gatherscope process (pid ${owner.pid}) is running the embedded PostgreSQL in ${dataDir}. ` +
        `Stop it first (Ctrl-C where it runs, or kill ${owner.pid}), or give this one a data directory ` +
        'of its own with GATHERSCOPE_DATA_DIR=/some/other/dir.',
    );
    this.name = 'DataDirInUseError';
    this.pid = owner.pid;
    this.dataDir = dataDir;
  }
}

const ownerFile = (dataDir: string) => path.join(dataDir, 'embedded-owner.json');

function parseOwner(text: string): ClusterOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<ClusterOwner>;
    if (!Number.isInteger(o.pid) || (o.pid as number) <= 0) return undefined;
    return { pid: o.pid as number, started: typeof o.started === 'string' ? o.started : null };
  } catch {
    return undefined;
  }
}

function isLiving(owner: ClusterOwner): boolean {
  if (!isAlive(owner.pid)) return false;
  const started = processStartTime(owner.pid);
  return owner.started === null || started === null || started === owner.started;
}

/** The living owner of the data directory's cluster, if there is one. */
export async function livingOwner(dataDir: string): Promise<ClusterOwner | undefined> {
  const owner = await fs
    .readFile(ownerFile(dataDir), 'utf8')
    .then(parseOwner)
    .catch(() => undefined);
  return owner && isLiving(owner) ? owner : undefined;
}

/**
 * Makes this process the owner of the data directory's cluster, or throws DataDirInUseError when a
 * living process owns it. An owner file left by a dead process (crash, kill -9) is replaced.
 * Returns the function that gives the ownership up again.
 */
export async function claimCluster(dataDir: string): Promise<() => Promise<void>> {
  const file = ownerFile(dataDir);
  const me: ClusterOwner = { pid: process.pid, started: processStartTime(process.pid) };
  for (let attempt = 0; ; attempt++) {
    try {
      await createFileAtomic(file, JSON.stringify(me), 0o600);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
    }
    const owner = await livingOwner(dataDir);
    if (owner) throw new DataDirInUseError(owner, dataDir);
    await fs.rm(file, { force: true });
  }
  return async () => {
    // Only our own claim: never remove the file of a process that took over after us.
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    if (parseOwner(text)?.pid === process.pid) await fs.rm(file, { force: true });
  };
}
