import type { SpanError } from '@gatherscope/shared';
import { CancelledError, PoolWaitTimeoutError } from '../db/profiler/instrumented-pool';
import { scrubSecrets } from '../db/target';

interface PgErrorLike {
  code?: string;
  message?: string;
}

/** SQLSTATE classes and codes that mean the connection, not the statement, failed. */
const CONNECTION_STATES = /^(08|57P0[1-4]|53300)/;

/** Explains what went wrong with one query, in the words of the span schema. */
export function spanError(err: unknown, runStopped: boolean): SpanError {
  if (err instanceof CancelledError) return { kind: 'cancelled', message: err.message };
  if (err instanceof PoolWaitTimeoutError) return { kind: 'connection', message: err.message };
  const e = (err ?? {}) as PgErrorLike;
  const message = scrubSecrets(e.message ?? String(err));
  const sqlstate = e.code && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
  const withState = (kind: SpanError['kind'], msg = message): SpanError =>
    sqlstate ? { kind, message: msg, sqlstate } : { kind, message: msg };
  if (sqlstate === '57014') {
    if (runStopped) return withState('cancelled', 'Cancelled on the server because the run was stopped.');
    if (/statement timeout/i.test(message)) return withState('timeout');
    return withState('cancelled');
  }
  if (runStopped && (!sqlstate || CONNECTION_STATES.test(sqlstate))) {
    return withState('cancelled', 'The run was stopped.');
  }
  if (!sqlstate || CONNECTION_STATES.test(sqlstate)) return withState('connection');
  return withState('query');
}
