import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllowedHostsEnv } from './http/security/allowed-hosts';
import { DEFAULT_BODY_DEADLINE_MS } from './http/security/body-deadline';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Config {
  /** Address the HTTP server binds to. Loopback unless the user opts in. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Where Gatherscope keeps its state: the embedded cluster, stored runs, saved connections. */
  dataDir: string;
  /** A user-supplied database; when set, no embedded server is started and nothing is created. */
  databaseUrl: string | undefined;
  /** Port for the embedded PostgreSQL; undefined picks a free one. */
  embeddedPgPort: number | undefined;
  /** Scale of the demo data set (1 = 100K users / 500K orders). Tests use a fraction. */
  demoScale: number;
  /** Built web app to serve; undefined when Vite's dev server serves it. */
  webDist: string | undefined;
  logLevel: 'silent' | 'info' | 'debug';
  /** Extra Host names the server answers to (GATHERSCOPE_ALLOWED_HOSTS, comma-separated). */
  allowedHosts: string[];
  /** A request still arriving this long after it began is answered 408 (GATHERSCOPE_BODY_DEADLINE_MS). */
  bodyDeadlineMs: number;
}

function msFromEnv(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100 || n > 3_600_000) {
    throw new Error(`${name} must be a whole number of milliseconds between 100 and 3600000, got "${value}"`);
  }
  return n;
}

function intFromEnv(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`${name} must be an integer between 0 and 65535, got "${value}"`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const scale = env.GATHERSCOPE_DEMO_SCALE === undefined ? 1 : Number(env.GATHERSCOPE_DEMO_SCALE);
  if (!(scale > 0 && scale <= 10)) {
    throw new Error(
      `GATHERSCOPE_DEMO_SCALE must be a number in (0, 10], got "${env.GATHERSCOPE_DEMO_SCALE}"`,
    );
  }
  const pgPort = env.GATHERSCOPE_PG_PORT;
  const level = env.GATHERSCOPE_LOG ?? 'info';
  if (level !== 'silent' && level !== 'info' && level !== 'debug') {
    throw new Error(`GATHERSCOPE_LOG must be silent, info or debug, got "${level}"`);
  }
  return {
    host: env.GATHERSCOPE_HOST ?? env.HOST ?? '127.0.0.1',
    port: intFromEnv('PORT', env.PORT ?? env.GATHERSCOPE_PORT, 4317),
    dataDir: path.resolve(env.GATHERSCOPE_DATA_DIR ?? path.join(repoRoot, '.gatherscope')),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPgPort: pgPort ? intFromEnv('GATHERSCOPE_PG_PORT', pgPort, 0) : undefined,
    demoScale: scale,
    webDist:
      env.GATHERSCOPE_WEB_DIST === ''
        ? undefined
        : path.resolve(env.GATHERSCOPE_WEB_DIST ?? path.join(repoRoot, 'web/dist')),
    logLevel: level,
    allowedHosts: parseAllowedHostsEnv(env.GATHERSCOPE_ALLOWED_HOSTS),
    bodyDeadlineMs: msFromEnv(
      'GATHERSCOPE_BODY_DEADLINE_MS',
      env.GATHERSCOPE_BODY_DEADLINE_MS,
      DEFAULT_BODY_DEADLINE_MS,
    ),
  };
}
