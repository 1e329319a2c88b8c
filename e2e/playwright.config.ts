import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { type AppServer, appServers, embedHostPort } from './support/app-server';
import { chromiumLaunchOptions } from './support/chromium';

const apps = await appServers();
const urlOf = (app: AppServer) => `http://127.0.0.1:${app.port}`;

// Two apps, each with its own database and data, and one worker each: two spec files run at once
// (the machine has two cores) while the files of one app still run one at a time, so a spec never
// sees another's running job or saved connection. App a serves the specs listed here (the embed
// host page's port belongs to it); app b every other, new specs included.
const onAppA = [
  'accessibility',
  'load',
  'matrix',
  'embed',
  'load-share',
  'token-mode',
  'shell',
  'security',
  // Moved from app b: with the paced load tests, this keeps the two apps' files about as long.
  'export',
].map((f) => `**/${f}.spec.ts`);
// Specs that judge how steady a measurement is: they run last, alone on the machine (on app b), so
// the file beside them does not make the noise they check the verdict against.
const alone = ['verdict-stability'].map((f) => `**/${f}.spec.ts`);

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  fullyParallel: false,
  // One retry on CI only: a test that passes on retry is reported as flaky in the summary line of
  // `npm test` (scripts/test-all.mjs), not hidden; locally a failure fails at once.
  retries: process.env.CI ? 1 : 0,
  // `npm test` (scripts/test-all.mjs) asks for the JSON report it sums into its summary line.
  reporter: process.env.GATHERSCOPE_PW_JSON
    ? [['list'], ['json', { outputFile: process.env.GATHERSCOPE_PW_JSON }]]
    : 'list',
  globalTeardown: './support/global-teardown.ts',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    // A failed test keeps its trace: actions, DOM snapshots, network, console. Without the screencast
    // film strip, which cost every passing test ~13% more CPU (JPEG frames of every repaint).
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
  projects: [
    ...apps.map((app) => ({
      name: `app-${app.name}`,
      workers: 1,
      ...(app.name === 'a' ? { testMatch: onAppA } : { testIgnore: [...onAppA, ...alone] }),
      use: { baseURL: urlOf(app) },
      metadata: { dataDir: app.dataDir },
    })),
    {
      name: 'alone',
      workers: 1,
      testMatch: alone,
      dependencies: apps.map((app) => `app-${app.name}`),
      use: { baseURL: urlOf(apps[1]) },
      metadata: { dataDir: apps[1].dataDir },
    },
  ],
  webServer: apps.map((app) => ({
    command: `node ${path.resolve(import.meta.dirname, '../scripts/start.mjs')}`,
    url: `${urlOf(app)}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
    env: {
      PORT: String(app.port),
      GATHERSCOPE_DATA_DIR: app.dataDir,
      GATHERSCOPE_DEMO_SCALE: '0.05',
      GATHERSCOPE_PG_FSYNC: 'off',
      GATHERSCOPE_LOG: 'silent',
      // The embed test's host page (another origin) may frame the embed view.
      GATHERSCOPE_FRAME_ANCESTORS: `'self' http://localhost:${embedHostPort()}`,
    },
  })),
});
