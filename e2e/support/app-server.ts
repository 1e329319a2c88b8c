import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Below Linux's ephemeral range (32768–60999), from which the OS hands out the ports the app's own
// embedded PostgreSQL and every outgoing connection get: a port picked there can be taken between
// this choice and the app's listen (CI once failed on exactly that).
const FIRST_PORT = 20000;
const LAST_PORT = 32700;

/** Whether `port` is free on `host`, the interface the server will bind. */
export function canListen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A random port of the range above that `free` accepts; `what` names the server in the error. */
export async function pickPort(what: string, free: (port: number) => Promise<boolean>): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = FIRST_PORT + Math.floor(Math.random() * (LAST_PORT - FIRST_PORT));
    if (await free(candidate)) return candidate;
  }
  throw new Error(`No free port found in ${FIRST_PORT}–${LAST_PORT} for ${what}`);
}

/** Port of the "other origin" host page of the embed test; the apps allow it to frame the embed view. */
export const embedHostPort = () => Number(process.env.E2E_PORT_A) + 1;

/** The apps under test, by name: each its own port, data directory and embedded PostgreSQL. */
export const APP_NAMES = ['a', 'b', 'c'] as const;
export type AppName = (typeof APP_NAMES)[number];

/** One app under test, as a Playwright project sees it. */
export interface AppServer {
  name: AppName;
  port: number;
  dataDir: string;
}

const envKey = (what: 'PORT' | 'DATA_DIR', name: AppName) => `E2E_${what}_${name.toUpperCase()}`;

/**
 * The apps under test, each with its own port (app a also the next one, for the embed test's host
 * page), its own throwaway data directory and so its own embedded PostgreSQL, so spec files run at
 * once without seeing each other's runs, connections or running jobs. Chosen once in the runner
 * process; workers inherit them through the environment.
 */
export async function appServers(): Promise<AppServer[]> {
  if (!process.env.E2E_PORT_A) {
    const taken: number[] = [];
    for (const name of APP_NAMES) {
      const port = await pickPort(
        name === 'a' ? 'the first e2e app and its embed host page' : `e2e app ${name}`,
        async (p) =>
          taken.every((t) => Math.abs(p - t) > 1) &&
          (await canListen(p)) &&
          (name !== 'a' || (await canListen(p + 1))),
      );
      taken.push(port);
      process.env[envKey('PORT', name)] = String(port);
      process.env[envKey('DATA_DIR', name)] = fs.mkdtempSync(path.join(os.tmpdir(), 'gatherscope-e2e-'));
    }
  }
  return APP_NAMES.map((name) => ({
    name,
    port: Number(process.env[envKey('PORT', name)]),
    dataDir: process.env[envKey('DATA_DIR', name)]!,
  }));
}

/** The data directories of the apps, for the global teardown. */
export const appDataDirs = () => APP_NAMES.map((name) => process.env[envKey('DATA_DIR', name)]);
