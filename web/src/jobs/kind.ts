import type { RunStatus } from '@gatherscope/shared';
import type { QueryClient, QueryKey, QueryObserverOptions } from '@tanstack/react-query';
import type { z } from 'zod';

/** What the browser knows of any job: enough to tell whether its stream must be followed. */
export interface LiveJobBase {
  status: RunStatus;
}

/**
 * A kind of job as the browser follows it (a profile run, a load test, a capture): where its record
 * and events are, how an event grows the cached record, and where its page is. Everything else (the
 * tab owning the stream, reconnects, the "in progress" notice) is the same for every kind.
 */
export interface LiveJobKind<
  L extends LiveJobBase,
  E extends { type: string },
  K extends QueryKey = QueryKey,
> {
  /** "Run", "Load test": the notice says "Load test in progress · back to it". */
  label: string;
  /** The job as the stream grows it: starts from the stored record; the stream writes into its key. */
  liveQuery(id: string): QueryObserverOptions<L, Error, L, L, K>;
  eventsUrl(id: string): string;
  /** The SSE event names, and the shared schema every event is parsed with. */
  types: readonly E['type'][];
  schema: z.ZodType<E>;
  /** Applies one event: pure and idempotent by event id (a reconnect replays from Last-Event-ID). */
  apply(job: L | undefined, event: E, eventId: number): L | undefined;
  /** The job ended: what to refetch (lists, records). */
  onDone(client: QueryClient, id: string): void;
  /** The page that shows the job, and whether the page at `location` is that page. */
  href(id: string): string;
  shows(id: string, location: { pathname: string; search: string }): boolean;
}
