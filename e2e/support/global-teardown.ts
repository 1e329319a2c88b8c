import fs from 'node:fs';

export default async function teardown() {
  // The web servers have been stopped (and their PostgreSQL with them) before global teardown runs.
  for (const dir of [process.env.E2E_DATA_DIR_A, process.env.E2E_DATA_DIR_B])
    if (dir?.includes('gatherscope-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
