import {
  CreatedLoadTestSchema,
  type LoadEvent,
  LoadEventSchema,
  LoadTestRecordSchema,
  type LoadTestRequest,
  StoppedLoadTestSchema,
} from '@gatherscope/shared';
import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiFetch } from '../api/client';
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

export type StreamState = 'idle' | 'open' | 'reconnecting' | 'closed' | 'invalid';

/** Follows a test's SSE stream into the query cache; every event is parsed with the shared schema. */
export function followLoadTest(
  client: QueryClient,
  id: string,
  onState: (s: StreamState, detail?: string) => void,
): () => void {
  const source = new EventSource(`/api/load-tests/${encodeURIComponent(id)}/events`);
  let closed = false;
  const onMessage = (e: MessageEvent<string>) => {
    let json: unknown;
    try {
      json = JSON.parse(e.data);
    } catch {
      onState('invalid', 'an event of the load test stream is not JSON');
      return;
    }
    const parsed = LoadEventSchema.safeParse(json);
    if (!parsed.success) {
      onState('invalid', `unexpected ${e.type} event: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    const event = parsed.data;
    client.setQueryData<LiveLoad>(loadKeys.live(id), (prev) =>
      applyLoadEvent(prev, event, Number(e.lastEventId) || 0),
    );
    if (event.type === 'done') {
      closed = true;
      source.close();
      onState('closed');
      void client.invalidateQueries({ queryKey: loadKeys.all, exact: true });
    }
  };
  for (const t of eventTypes) {
    source.addEventListener(t, (e) => {
      // `error` is both a test event (a MessageEvent with data) and EventSource's connection error.
      if (e instanceof MessageEvent && typeof e.data === 'string') onMessage(e);
      else if (!closed) onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    });
  }
  source.addEventListener('open', () => onState('open'));
  return () => {
    closed = true;
    source.close();
  };
}

/** A load test, live: the cached record plus the SSE stream while it runs. */
export function useLiveLoadTest(id: string | undefined) {
  const client = useQueryClient();
  const query = useQuery({ ...liveLoadQuery(id ?? ''), enabled: Boolean(id) });
  const [stream, setStream] = useState<{ state: StreamState; detail?: string | undefined }>({
    state: 'idle',
  });
  const running = query.data?.status === 'running';
  useEffect(() => {
    if (!id || !running) return;
    return followLoadTest(client, id, (state, detail) => setStream({ state, detail }));
  }, [client, id, running]);
  return { ...query, stream };
}
