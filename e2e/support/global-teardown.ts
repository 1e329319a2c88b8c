import fs from 'node:fs';
import { appDataDirs } from './app-server';

export default async function teardown() {
  // The web servers have been stopped (and their PostgreSQL with them) before global teardown runs.
  for (const dir of appDataDirs())
    if (dir?.includes('gatherscope-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
