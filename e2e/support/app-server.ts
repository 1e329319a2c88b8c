import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The app under test: its own port and a throwaway data directory (embedded PostgreSQL and stored
 * runs), chosen once in the runner process; workers inherit them through the environment.
 */
export function appServerEnv(): { port: number; dataDir: string } {
  if (!process.env.E2E_PORT) {
    process.env.E2E_PORT = String(20000 + Math.floor(Math.random() * 20000));
    process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'gatherscope-e2e-'));
  }
  return { port: Number(process.env.E2E_PORT), dataDir: process.env.E2E_DATA_DIR! };
}
