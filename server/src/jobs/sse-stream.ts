import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EventLog } from './event-log';

export interface StreamEventLogOptions<T> {
  log: EventLog<T>;
  /** Send events after this sequence id (from `lastEventIdOf`). */
  afterSeq: number;
  /** The SSE `event:` name of an event. */
  eventName: (event: T) => string;
  /** A comment line this often keeps proxies from closing an idle stream and detects dead clients. */
  heartbeatMs?: number;
  /** Tells EventSource how soon to reconnect after a drop. */
  retryMs?: number;
  /** Called when the stream opens, and once when it ends for any reason (client gone or log finished). */
  onOpen?: () => void;
  onClose?: (reason: 'finished' | 'aborted') => void;
}

/**
 * Streams an event log as Server-Sent Events: `id:` is the sequence id, so a client that reconnects
 * with Last-Event-ID gets exactly the events it missed. The stream ends after the last event of a
 * closed log; a client that goes away triggers `onClose('aborted')` through `stream.onAbort`.
 */
export function streamEventLog<T>(c: Context, opts: StreamEventLogOptions<T>): Response {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  return streamSSE(c, async (stream) => {
    const gone = new AbortController();
    let closed = false;
    const close = (reason: 'finished' | 'aborted') => {
      if (closed) return;
      closed = true;
      opts.onClose?.(reason);
    };
    stream.onAbort(() => {
      gone.abort();
      close('aborted');
    });
    opts.onOpen?.();
    try {
      if (opts.retryMs !== undefined) await stream.write(`retry: ${opts.retryMs}\n\n`);
      let cursor = opts.afterSeq;
      while (!stream.aborted) {
        for (const { seq, event } of opts.log.since(cursor)) {
          await stream.writeSSE({
            id: String(seq),
            event: opts.eventName(event),
            data: JSON.stringify(event),
          });
          cursor = seq;
          if (stream.aborted) return;
        }
        const r = await opts.log.wait(cursor, heartbeatMs, gone.signal);
        if (r === 'closed' || r === 'aborted') break;
        if (r === 'timeout') await stream.write(': heartbeat\n\n');
      }
    } finally {
      close(stream.aborted ? 'aborted' : 'finished');
    }
  });
}
