import fs from 'node:fs/promises';
import path from 'node:path';
import type { RunRecord } from '@gatherscope/shared';
import type { z } from 'zod';
import { loadConfig } from '../config';
import { probeConnection } from '../connections/probe';
import { writeFileAtomic } from '../store/atomic-write';

/** Which History a record goes to: the server's own directories (runs/store.ts, load/store.ts). */
const DIRS = { run: 'runs', load: 'load-tests' } as const;
/** The web app's page of each (web/src/app/routes.tsx). */
const PAGES = { run: 'runs', load: 'load' } as const;

export type HistoryKind = keyof typeof DIRS;

/** The server's address as `npm start` would print it for this configuration. */
export function permalink(kind: HistoryKind, id: string, config = loadConfig()): string {
  const host =
    config.host === '0.0.0.0' || config.host === '::' || config.host === '' ? '127.0.0.1' : config.host;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${config.port || 4317}/${PAGES[kind]}/${encodeURIComponent(id)}`;
}

/** What a CLI record says about its database: asked of the database, never its URL. */
export async function describeCliDatabase(
  url: string,
  label: string,
  embedded: boolean,
): Promise<RunRecord['database']> {
  try {
    const probe = await probeConnection(url);
    return { name: probe.database, label, serverVersion: probe.serverVersion, embedded };
  } catch {
    // It answered the run a moment ago; an unanswered probe must not lose the measurements.
    return { name: label, label, serverVersion: 'unknown', embedded };
  }
}

/**
 * Writes a finished record where the server keeps its History (GATHERSCOPE_DATA_DIR), validated
 * like the server validates what it reads. Written whole and atomically, never through the
 * server's store object: opening that would mark the records a running server is measuring as
 * interrupted. A running server lists it at its next History listing (store/record-dir.ts).
 */
export async function saveToHistory<R extends { id: string }>(
  kind: HistoryKind,
  record: R,
  schema: z.ZodType<R>,
  dataDir = loadConfig().dataDir,
): Promise<void> {
  const valid = schema.parse(record);
  const dir = path.join(dataDir, DIRS[kind]);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(path.join(dir, `${valid.id}.json`), JSON.stringify(valid), 0o600);
}
