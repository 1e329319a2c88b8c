import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { type AppName, type AppServer, appServers, embedHostPort } from './support/app-server';
import { chromiumLaunchOptions } from './support/chromium';

const apps = await appServers();
const urlOf = (app: AppServer) => `http://127.0.0.1:${app.port}`;

// Three apps, each with its own database and data, and one worker each: three spec files run at
// once (much of a spec's time is waiting on the app and the database, not computing, so a third
// fills the two cores) while the files of one app still run one at a time, so a spec never sees
// another's running job or saved connection. Each app serves the specs listed for it, about as long
// in total; the last one every other spec, new ones included. The specs that open the embed test's
// host page share its port, so they are on one app: a, whose port it follows.
const specsOn: Record<Exclude<AppName, 'c'>, string[]> = {
  a: ['accessibility', 'embed', 'load-share', 'export', 'security', 'shell', 'token-mode'],
  b: ['profile', 'load', 'matrix', 'profile-library', 'profile-check'],
};
const files = (names: string[]) => names.map((f) => `**/${f}.spec.ts`);
// Specs that judge how steady a measurement is: they run last, alone on the machine (on app b), so
// the files beside them do not make the noise they check the verdict against.
const alone = files(['verdict-stability']);
const elsewhere = [...Object.values(specsOn).flatMap(files), ...alone];
const specsOf = (app: AppServer) =>
  app.name === 'c' ? { testIgnore: elsewhere } : { testMatch: files(specsOn[app.name]) };

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: apps.length,
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
      ...specsOf(app),
      use: { baseURL: urlOf(app) },
      metadata: { dataDir: app.dataDir },
    })),
    {
      name: 'alone',
      workers: 1,
      testMatch: alone,
      dependencies: apps.map((app) => `app-${app.name}`),
      use: { baseURL: urlOf(apps[1]!) },
      metadata: { dataDir: apps[1]!.dataDir },
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
