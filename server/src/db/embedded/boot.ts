import path from 'node:path';
import type { Config } from '../../config';
import type { LogFn } from '../../logging/logger';
import { DEMO_DATABASE, ensureDemoDatabase } from './demo';
import { type EmbeddedServer, startEmbedded } from './embedded';

export interface BootedDatabase {
  /** The database to profile: the demo shop, or the user's DATABASE_URL. */
  url: string;
  embedded: EmbeddedServer | undefined;
  stop(): Promise<void>;
}

/**
 * With DATABASE_URL, profiles that database and creates nothing in it. Otherwise starts the
 * embedded cluster under the data directory and makes sure the demo shop is there.
 */
export async function bootDatabase(config: Config, log: LogFn): Promise<BootedDatabase> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: undefined, stop: async () => {} };
  }
  const t0 = performance.now();
  const embedded = await startEmbedded({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    durable: process.env.GATHERSCOPE_PG_FSYNC !== 'off',
    log: (line) => {
      if (config.logLevel === 'debug') log('postgres', { line });
    },
    notice: (line) => log('embedded_postgres', { line }),
  });
  log('embedded_postgres_started', {
    port: embedded.port,
    dir: path.join(config.dataDir, 'pg'),
    ms: Math.round(performance.now() - t0),
  });
  try {
    const demo = await ensureDemoDatabase(embedded.url, config.demoScale, (line) => log('demo', { line }));
    if (demo.seeded) log('demo_seeded', { ms: Math.round(demo.ms), scale: config.demoScale });
  } catch (err) {
    await embedded.stop().catch(() => {});
    throw err;
  }
  return { url: embedded.url(DEMO_DATABASE), embedded, stop: () => embedded.stop() };
}
