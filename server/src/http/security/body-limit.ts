import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../errors/app-error';

/** Workloads are at most a few hundred KB of SQL; anything much bigger is a mistake or an attack. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/**
 * A run exported as JSON (500 trials of 50 queries at most), a load test's (up to 1,800 seconds)
 * and a trace file are the bodies that are legitimately big.
 */
const IMPORT_MAX_BODY_BYTES = 64 * 1024 * 1024;
const LARGE_BODY_PATHS = new Set(['/api/runs/import', '/api/load-tests/import', '/api/traces']);

const limiter = (maxBytes: number, what: string): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // The rest of the body is never read: a client must not send its next request on this connection.
      c.header('Connection', 'close');
      const size =
        maxBytes >= 1024 * 1024 ? `${maxBytes / (1024 * 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`;
      throw new AppError('payload_too_large', `The request body is larger than ${size}.`, {
        status: 413,
        hint: what,
      });
    },
  });

export function requestBodyLimit(maxBytes = DEFAULT_MAX_BODY_BYTES): MiddlewareHandler {
  const small = limiter(maxBytes, 'Send a smaller workload: fewer or shorter queries.');
  const large = limiter(
    Math.max(maxBytes, IMPORT_MAX_BODY_BYTES),
    'An import (a run or load test exported by Gatherscope, a trace file) is at most this big.',
  );
  return (c, next) => (LARGE_BODY_PATHS.has(c.req.path) ? large(c, next) : small(c, next));
}
