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

/** Port of the "other origin" host page of the embed test; the app allows it to frame the embed view. */
export const embedHostPort = () => Number(process.env.E2E_PORT) + 1;

/**
 * The app under test: its own port (and the next one, for the embed test's host page) and a
 * throwaway data directory (embedded PostgreSQL and stored runs), chosen once in the runner
 * process; workers inherit them through the environment.
 */
export async function appServerEnv(): Promise<{ port: number; dataDir: string }> {
  if (!process.env.E2E_PORT) {
    const port = await pickPort(
      'the e2e app and its embed host page',
      async (p) => (await canListen(p)) && (await canListen(p + 1)),
    );
    process.env.E2E_PORT = String(port);
    process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'gatherscope-e2e-'));
  }
  return { port: Number(process.env.E2E_PORT), dataDir: process.env.E2E_DATA_DIR! };
}
