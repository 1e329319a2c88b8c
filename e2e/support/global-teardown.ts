import fs from 'node:fs';

export default async function teardown() {
  const dir = process.env.E2E_DATA_DIR;
  // The web server has been stopped (and PostgreSQL with it) before global teardown runs.
  if (dir?.includes('gatherscope-e2e-')) fs.rmSync(dir, { recursive: true, force: true });
}
