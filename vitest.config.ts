import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,server,web}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // One embedded PostgreSQL for the whole run, on a free port in a throwaway directory.
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share their worker's modules (libpg-query's WebAssembly, zod schemas, the app)
    // instead of importing everything again per file: the suite's CPU time halves. A file that
    // changes process-wide state (environment variables, globals) restores it in its own hooks.
    isolate: false,
    // Five files at once on two cores: most of the suite's time is tests waiting (on the database, a
    // grace timer, a load test's fixed duration), not computing, so more files fill it (on the 2-core
    // machine: 110 s with three, 92 s with four, 80 s with five, 77 s with six). Timing bounds belong
    // in \`npm run bench\`, not here.
    maxWorkers: 5,
    // One retry on CI only, as Playwright: a test that passed only on retry keeps its first failure
    // in the report, and \`npm test\`'s vitest line counts it as flaky; locally a failure fails at once.
    retry: process.env.CI ? 1 : 0,
  },
});
