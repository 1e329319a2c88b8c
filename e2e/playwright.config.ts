import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { appServerEnv, embedHostPort } from './support/app-server';
import { chromiumLaunchOptions } from './support/chromium';

const { port, dataDir } = await appServerEnv();
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // The app and its database share two cores with the browser: one test at a time keeps timings honest.
  workers: 1,
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
    baseURL,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node ${path.resolve(import.meta.dirname, '../scripts/start.mjs')}`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PORT: String(port),
      GATHERSCOPE_DATA_DIR: dataDir,
      GATHERSCOPE_DEMO_SCALE: '0.05',
      GATHERSCOPE_PG_FSYNC: 'off',
      GATHERSCOPE_LOG: 'silent',
      // The embed test's host page (another origin) may frame the embed view.
      GATHERSCOPE_FRAME_ANCESTORS: `'self' http://localhost:${embedHostPort()}`,
    },
  },
});
