import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors';

/** Workloads are at most a few hundred KB of SQL; anything much bigger is a mistake or an attack. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function requestBodyLimit(maxBytes = DEFAULT_MAX_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError(
        'payload_too_large',
        `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`,
        {
          status: 413,
          hint: 'Send a smaller workload: fewer or shorter queries.',
        },
      );
    },
  });
}
