import fs from 'node:fs/promises';
import path from 'node:path';
import { type SavedWorkloadInfo, type Workload, WorkloadSchema } from '@gatherscope/shared';
import { AppError } from '../errors/app-error';
import { writeFileAtomic } from '../store/atomic-write';

/** Custom workloads live as one file each, in the documented workload JSON format. */
export const workloadsDir = (dataDir: string) => path.join(dataDir, 'workloads');

/** A file-name-safe id from a workload name: "User dashboard (v2)" → "user-dashboard-v2". */
export function workloadId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'workload';
}

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/;

export function workloadNotFound(id: string): AppError {
  return new AppError('not_found', `There is no saved workload "${id.slice(0, 64)}".`, {
    status: 404,
    hint: 'It may have been deleted. GET /api/saved-workloads lists the saved workloads.',
  });
}

function fileOf(dataDir: string, id: string): string {
  if (!ID.test(id)) throw workloadNotFound(id);
  return path.join(workloadsDir(dataDir), `${id}.json`);
}

function infoOf(id: string, w: Workload, savedAt: Date): SavedWorkloadInfo {
  return {
    id,
    name: w.name,
    ...(w.description ? { description: w.description } : {}),
    queries: w.queries.length,
    savedAt: savedAt.toISOString(),
  };
}

async function info(file: string, id: string): Promise<SavedWorkloadInfo | undefined> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    const w = WorkloadSchema.safeParse(JSON.parse(text));
    return w.success ? infoOf(id, w.data, stat.mtime) : undefined;
  } catch {
    return undefined;
  }
}

/** Saved workloads, newest first. A file that is not a valid workload is left out, not fatal. */
export async function listWorkloads(dataDir: string): Promise<SavedWorkloadInfo[]> {
  let names: string[];
  try {
    names = await fs.readdir(workloadsDir(dataDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const ids = names
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -5))
    .filter((id) => ID.test(id));
  const all = await Promise.all(ids.map((id) => info(fileOf(dataDir, id), id)));
  return all
    .filter((x): x is SavedWorkloadInfo => x !== undefined)
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export async function readWorkload(dataDir: string, id: string): Promise<Workload> {
  const file = fileOf(dataDir, id);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw workloadNotFound(id);
  }
  const parsed = WorkloadSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new AppError('validation_failed', `The saved workload "${id}" is no longer a valid workload.`, {
      status: 422,
      hint: `Fix or delete ${file}.`,
    });
  }
  return parsed.data;
}

/** Saves (or replaces) a workload under the id derived from its name. */
export async function saveWorkload(dataDir: string, w: Workload): Promise<SavedWorkloadInfo> {
  const id = workloadId(w.name);
  const file = fileOf(dataDir, id);
  await fs.mkdir(workloadsDir(dataDir), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(w, null, 2)}\n`);
  // The file's own time, as the list reports it; the workload is the one just written.
  return infoOf(id, w, (await fs.stat(file)).mtime);
}

export async function deleteWorkload(dataDir: string, id: string): Promise<boolean> {
  try {
    await fs.unlink(fileOf(dataDir, id));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
