import type { Context } from 'hono';
import type { EventLog } from './event-log';
import { lastEventIdOf } from './last-event-id';
import { streamEventLog } from './sse-stream';

/** Something that runs in the background, keeps an event log, and stops when nobody watches it. */
export interface Watched<T> {
  /**
   * The job's event log for a reader resuming after `afterSeq`: a stored job's log, rebuilt from a
   * record that kept less than the reader saw, can number its ending after that reader's last id.
   */
  events(id: string, afterSeq: number): Promise<EventLog<T> | undefined>;
  /** Counts a viewer until the returned function is called. */
  attachViewer(id: string): () => void;
  /** How long an unwatched (non-detached) job waits for a viewer to come back before it stops. */
  readonly viewerGraceMs: number;
}

/**
 * `GET …/:id/events`: the job's events as SSE, resumed from Last-Event-ID, with the stream counted
 * as a viewer while it is open. Resolves undefined for an unknown id, so the route answers 404.
 */
export async function streamWatched<T extends { type: string }>(
  c: Context,
  jobs: Watched<T>,
  id: string,
  opts: { heartbeatMs?: number } = {},
): Promise<Response | undefined> {
  const afterSeq = lastEventIdOf(c);
  const log = await jobs.events(id, afterSeq);
  if (!log) return undefined;
  let detach = () => {};
  return streamEventLog(c, {
    log,
    afterSeq,
    eventName: (e) => e.type,
    // EventSource reconnects well inside the grace period after which an unwatched job stops.
    retryMs: Math.max(100, Math.min(1_000, Math.floor(jobs.viewerGraceMs / 2))),
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
    onOpen: () => {
      detach = jobs.attachViewer(id);
    },
    onClose: () => detach(),
  });
}
