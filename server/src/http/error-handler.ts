import type { ApiError } from '@gatherscope/shared';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { scrubSecrets } from '../db/target';
import { AppError } from '../errors/app-error';
import type { LogFn } from '../logging/logger';

export function errorBody(err: AppError): ApiError {
  const issues = err.details?.issues as ApiError['error']['issues'];
  const { issues: _drop, ...details } = err.details ?? {};
  return {
    error: {
      code: err.code,
      message: scrubSecrets(err.message),
      ...(err.hint ? { hint: err.hint } : {}),
      ...(issues ? { issues } : {}),
      ...(Object.keys(details).length ? { details } : {}),
    },
  };
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof SyntaxError) {
    return new AppError('bad_request', 'The request body is not valid JSON.', {
      status: 400,
      hint: err.message,
    });
  }
  return new AppError('internal', 'Something went wrong inside Gatherscope.', {
    status: 500,
    hint: 'The server log has the details. This is a bug worth reporting.',
    cause: err,
  });
}

export function handleError(log: LogFn) {
  return (err: unknown, c: Context) => {
    const appErr = toAppError(err);
    if (appErr.status >= 500) {
      log('error', {
        code: appErr.code,
        message: scrubSecrets(appErr.message),
        ...(appErr.code === 'internal' && err instanceof Error
          ? { stack: scrubSecrets(err.stack ?? '') }
          : {}),
      });
    }
    return c.json(errorBody(appErr), appErr.status as ContentfulStatusCode);
  };
}
