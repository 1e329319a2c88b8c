import type { Context } from 'hono';
import { AppError } from '../errors/app-error';

/**
 * Where a (re)connecting client wants to resume: the `Last-Event-ID` header that EventSource sends
 * on reconnect, or `?lastEventId=` for a client that opens a fresh stream itself. 0 = from the start.
 */
export function lastEventIdOf(c: Context): number {
  const raw = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId');
  if (raw === undefined || raw.trim() === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new AppError(
      'bad_request',
      `Last-Event-ID must be a non-negative integer, got "${raw.slice(0, 40)}".`,
      {
        status: 400,
        hint: 'Send the id of the last event received, or leave it out to start from the beginning.',
        details: { issues: [{ path: 'lastEventId', message: 'expected a non-negative integer' }] },
      },
    );
  }
  return n;
}
