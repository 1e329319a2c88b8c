import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Connection } from '@gatherscope/shared';
import { z } from 'zod';
import { parseDatabaseUrl } from '../db/target';
import { AppError } from '../errors/app-error';
import { writeFileAtomic } from '../store/atomic-write';

/** What is kept on disk: the URL with its password, so the file is readable by its owner only. */
const StoredConnectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  allowWrites: z.boolean(),
  /** Added later: files written before it have none. */
  trustedFunctions: z.array(z.string()).default([]),
  createdAt: z.string(),
});
export type StoredConnection = z.infer<typeof StoredConnectionSchema>;
const FileSchema = z.object({ version: z.literal(1), connections: z.array(StoredConnectionSchema) });

export const connectionsFile = (dataDir: string) => path.join(dataDir, 'connections.json');

export async function readConnections(dataDir: string): Promise<StoredConnection[]> {
  let text: string;
  try {
    text = await fs.readFile(connectionsFile(dataDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed = FileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new AppError('internal', `${connectionsFile(dataDir)} is not a valid connections file.`, {
      status: 500,
      hint: 'Fix or delete the file; Gatherscope will then start a new, empty one.',
    });
  }
  return parsed.data.connections;
}

// One writer at a time: two saves racing on the read-modify-write would lose one of them.
let queue: Promise<unknown> = Promise.resolve();

/** Changes the file under a lock; written to a temporary file with mode 0600, then renamed. */
export function updateConnections<T>(
  dataDir: string,
  change: (list: StoredConnection[]) => { list: StoredConnection[]; result: T },
): Promise<T> {
  const next = queue.then(async () => {
    const { list, result } = change(await readConnections(dataDir));
    await fs.mkdir(dataDir, { recursive: true });
    const file = connectionsFile(dataDir);
    await writeFileAtomic(file, `${JSON.stringify({ version: 1, connections: list }, null, 2)}\n`, 0o600);
    return result;
  });
  queue = next.catch(() => {});
  return next;
}

export function newStoredConnection(
  name: string,
  url: string,
  allowWrites: boolean,
  trustedFunctions: string[] = [],
): StoredConnection {
  return { id: randomUUID(), name, url, allowWrites, trustedFunctions, createdAt: new Date().toISOString() };
}

/** The public view: host, port, database and user, never the password or the URL. */
export function publicConnection(c: StoredConnection): Connection {
  const t = parseDatabaseUrl(c.url);
  return {
    id: c.id,
    name: c.name,
    host: t.host,
    port: t.port,
    database: t.database,
    user: t.user,
    // parseDatabaseUrl has already proved it a URL.
    hasPassword: new URL(c.url).password !== '',
    allowWrites: c.allowWrites,
    trustedFunctions: c.trustedFunctions,
    createdAt: c.createdAt,
  };
}

export function connectionNotFound(id: string): AppError {
  return new AppError('not_found', `There is no saved connection with id "${id.slice(0, 64)}".`, {
    status: 404,
    hint: 'It may have been removed. GET /api/connections lists the saved connections.',
    details: { issues: [{ path: 'target.id', message: 'unknown connection' }] },
  });
}

/**
 * The URL of a saved connection, for the runs manager: it stays on the server. Also says whether
 * runs may write there, and which of its functions the owner trusts.
 */
export async function resolveConnectionUrl(
  dataDir: string,
  id: string,
): Promise<{ url: string; name: string; allowWrites: boolean; trustedFunctions: string[] }> {
  const c = (await readConnections(dataDir)).find((x) => x.id === id);
  if (!c) throw connectionNotFound(id);
  return { url: c.url, name: c.name, allowWrites: c.allowWrites, trustedFunctions: c.trustedFunctions };
}
