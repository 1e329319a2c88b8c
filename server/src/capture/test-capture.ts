/** Test helpers: a capture of the test cluster's demo shop, and the URL (with password) a client uses. */
import type { Capture, CapturedStatement, CaptureEvent } from '@gatherscope/shared';
import { type RunningCapture, startCapture } from './recorder';

export interface TestCapture {
  capture: RunningCapture;
  /** The demo URL with host and port of the proxy: the client's own password passes through. */
  url: string;
  events: CaptureEvent[];
  /** Waits until `n` statements were recorded (or fails after `ms`). */
  statements(n: number, ms?: number): Promise<CapturedStatement[]>;
  stop(): Promise<Capture>;
}

export async function captureDemo(demoUrl: string, opts: { gapMs?: number; maxStatements?: number } = {}) {
  const events: CaptureEvent[] = [];
  const capture = await startCapture({ targetUrl: demoUrl, ...opts, onEvent: (e) => events.push(e) });
  const u = new URL(demoUrl);
  u.hostname = '127.0.0.1';
  u.port = String(capture.port);
  const recorded = () =>
    events.flatMap((e) => (e.type === 'statement' ? [e.statement] : [])) as CapturedStatement[];
  const tc: TestCapture = {
    capture,
    url: u.toString(),
    events,
    async statements(n, ms = 10_000) {
      const end = performance.now() + ms;
      while (recorded().length < n) {
        if (performance.now() > end)
          throw new Error(
            `expected ${n} statements, got ${recorded().length}: ${JSON.stringify(recorded().map((s) => s.sql))}`,
          );
        await new Promise((r) => setTimeout(r, 10));
      }
      return recorded();
    },
    stop: () => capture.stop(),
  };
  return tc;
}

/** The URL's parts as libpq environment variables, for psql, pgbench and psycopg. */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port,
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
    PGSSLMODE: 'prefer',
  };
}
