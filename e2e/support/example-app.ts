import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { test } from '@playwright/test';

const repo = path.resolve(import.meta.dirname, '../..');

/**
 * For a spec that captures examples/dashboard-app: returns the function that starts the app against a
 * database URL (resolving with its base URL), and stops it after each test.
 */
export function useExampleApp(): (databaseUrl: string) => Promise<string> {
  let app: ChildProcess | undefined;
  test.afterEach(() => {
    app?.kill('SIGTERM');
    app = undefined;
  });
  return (databaseUrl) => {
    const child = spawn(process.execPath, [path.join(repo, 'examples/dashboard-app/server.mjs')], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    app = child;
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the example app exited with ${code}`)));
      child.stdout?.on('data', (b: Buffer) => {
        const m = /listening on (http:\/\/\S+)\/dashboard/.exec(b.toString());
        if (m?.[1]) resolve(m[1]);
      });
    });
  };
}
