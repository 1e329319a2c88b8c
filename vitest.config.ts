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
    // Timing assertions need the machine to themselves: two cores, two files at once.
    maxWorkers: 2,
  },
});
