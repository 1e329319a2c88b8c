import type { ErrorCode, RecordError } from '@gatherscope/shared';

/**
 * An error a user can meet. It carries a stable code, a message that says what went wrong, and a
 * hint that says how to fix it; the HTTP layer turns it into the JSON error shape.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { status?: number; hint?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = opts.status ?? 500;
    this.hint = opts.hint;
    this.details = opts.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** The error as a run's or a load test's record and its `error` event keep it. */
export function recordError(e: AppError): RecordError {
  return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
}
