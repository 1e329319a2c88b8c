import {
  CreatedLoadTestSchema,
  type LoadEvent,
  LoadEventSchema,
  LoadTestRecordSchema,
  type LoadTestRequest,
  StoppedLoadTestSchema,
} from '@gatherscope/shared';
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../api/client';
import { followEventStream, type StreamState, useStreamWhileRunning } from '../api/event-stream';
import { applyLoadEvent, type LiveLoad, liveFromLoadRecord } from './live';

/** Query keys of load tests; `all` is the list the History page shows. */
export const loadKeys = {
  all: ['load-tests'] as const,
  live: (id: string) => ['load-tests', id, 'live'] as const,
};

/** The test as the stream grows it: starts from the stored record, the SSE stream writes into it. */
export const liveLoadQuery = (id: string) =>
  queryOptions({
    queryKey: loadKeys.live(id),
    queryFn: async ({ signal }): Promise<LiveLoad> =>
      liveFromLoadRecord(
        await apiFetch(`/api/load-tests/${encodeURIComponent(id)}`, LoadTestRecordSchema, { signal }),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function createLoadTest(req: LoadTestRequest) {
  return apiFetch('/api/load-tests', CreatedLoadTestSchema, { method: 'POST', json: req });
}

export function stopLoadTest(id: string) {
  return apiFetch(`/api/load-tests/${encodeURIComponent(id)}/stop`, StoppedLoadTestSchema, {
    method: 'POST',
  });
}

const eventTypes: LoadEvent['type'][] = [
  'load-started',
  'phase',
  'second',
  'result',
  'sweep-point',
  'verdict',
  'error',
  'done',
];

/** Follows a test's SSE stream into the query cache. */
export function followLoadTest(
  client: QueryClient,
  id: string,
  onState: (s: StreamState, detail?: string) => void,
): () => void {
  return followEventStream({
    url: `/api/load-tests/${encodeURIComponent(id)}/events`,
    types: eventTypes,
    schema: LoadEventSchema,
    label: 'load test',
    onState,
    onBatch: (batch) => {
      client.setQueryData<LiveLoad>(loadKeys.live(id), (prev) =>
        batch.reduce<LiveLoad | undefined>((r, b) => applyLoadEvent(r, b.event, b.eventId), prev),
      );
      if (batch.some((b) => b.event.type === 'done')) {
        void client.invalidateQueries({ queryKey: loadKeys.all, exact: true });
      }
    },
  });
}

/** A load test, live: the cached record plus the SSE stream while it runs. */
export function useLiveLoadTest(id: string | undefined) {
  const query = useQuery({ ...liveLoadQuery(id ?? ''), enabled: Boolean(id) });
  const stream = useStreamWhileRunning(id, query.data?.status === 'running', followLoadTest);
  return { ...query, stream };
}
