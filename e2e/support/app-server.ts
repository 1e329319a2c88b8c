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

/** One app under test, as a Playwright project sees it. */
export interface AppServer {
  name: 'a' | 'b';
  port: number;
  dataDir: string;
}

/**
 * The apps under test: two, each with its own port (app a also the next one, for the embed test's
 * host page), its own throwaway data directory and so its own embedded PostgreSQL, so two spec
 * files run at once without seeing each other's runs, connections or running jobs. Chosen once in
 * the runner process; workers inherit them through the environment.
 */
export async function appServers(): Promise<[AppServer, AppServer]> {
  if (!process.env.E2E_PORT_A) {
    const a = await pickPort(
      'the first e2e app and its embed host page',
      async (p) => (await canListen(p)) && (await canListen(p + 1)),
    );
    const b = await pickPort('the second e2e app', async (p) => Math.abs(p - a) > 1 && (await canListen(p)));
    process.env.E2E_PORT_A = String(a);
    process.env.E2E_PORT_B = String(b);
    for (const n of ['A', 'B'])
      process.env[`E2E_DATA_DIR_${n}`] = fs.mkdtempSync(path.join(os.tmpdir(), 'gatherscope-e2e-'));
  }
  return (['a', 'b'] as const).map((name) => ({
    name,
    port: Number(process.env[`E2E_PORT_${name.toUpperCase()}`]),
    dataDir: process.env[`E2E_DATA_DIR_${name.toUpperCase()}`]!,
  })) as [AppServer, AppServer];
}
