import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { followEventStream, type StreamState } from './event-stream';
import type { LiveJobBase, LiveJobKind } from './kind';

/** Follows a job's SSE stream into the TanStack Query cache (its live query's key). */
export function followJob<L extends LiveJobBase, E extends { type: string }, K extends QueryKey>(
  client: QueryClient,
  kind: LiveJobKind<L, E, K>,
  id: string,
  onState: (s: StreamState, detail?: string) => void,
): () => void {
  const key = kind.liveQuery(id).queryKey;
  return followEventStream({
    url: kind.eventsUrl(id),
    types: kind.types,
    schema: kind.schema,
    label: kind.label.toLowerCase(),
    onState,
    onBatch: (batch) => {
      client.setQueryData<L>(key, (prev) =>
        batch.reduce<L | undefined>((job, b) => kind.apply(job, b.event, b.eventId), prev),
      );
      if (batch.some((b) => b.event.type === 'done')) kind.onDone(client, id);
    },
  });
}
