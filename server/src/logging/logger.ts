import type { MiddlewareHandler } from 'hono';

export type LogFn = (event: string, fields?: Record<string, unknown>) => void;

/** JSON lines on stdout. Fields are chosen by callers; nothing here reads bodies or query strings. */
export function createLogger(
  level: 'silent' | 'info' | 'debug',
  out: (line: string) => void = console.log,
): LogFn {
  if (level === 'silent') return () => {};
  return (event, fields = {}) => out(JSON.stringify({ t: new Date().toISOString(), event, ...fields }));
}

/**
 * Request log: method, path without the query string (it can carry tokens), status and duration.
 * Bodies and query parameters are never logged.
 */
export function requestLogger(log: LogFn): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    log('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - t0) * 10) / 10,
    });
  };
}
