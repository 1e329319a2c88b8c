import {
  CreatedRunSchema,
  type RunEvent,
  RunEventSchema,
  RunListSchema,
  RunRecordSchema,
  type RunRequest,
  StoppedRunSchema,
} from '@gatherscope/shared';
import { type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { applyRunEvent, type LiveRun, liveFromRecord } from '../timeline/live-run';
import { apiFetch } from './client';
import { followEventStream, type StreamState } from './event-stream';
import { useRunStream, watchRun } from './run-watch';

export type { StreamState };

/** Query keys of runs: one place, so invalidations match. */
export const runKeys = {
  /** Everything cached about runs (the list, records, live runs). */
  all: ['runs'] as const,
  /** `GET /api/runs`, one cache for every page that lists runs (each `select`s what it shows). */
  list: ['runs', 'list'] as const,
  record: (id: string) => ['runs', id, 'record'] as const,
  live: (id: string) => ['runs', id, 'live'] as const,
};

/** The run list is out of date: a run was added, removed or changed state. */
export function invalidateRunLists(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: runKeys.list });
}

export const runListQuery = () =>
  queryOptions({
    queryKey: runKeys.list,
    queryFn: ({ signal }) => apiFetch('/api/runs', RunListSchema, { signal }),
  });

export const runRecordQuery = (id: string) =>
  queryOptions({
    queryKey: runKeys.record(id),
    queryFn: ({ signal }) => apiFetch(`/api/runs/${encodeURIComponent(id)}`, RunRecordSchema, { signal }),
    staleTime: 60_000,
  });

/**
 * The run as the stream grows it. Starts from the stored record, read through its query so that a
 * page showing both (the permalink) downloads the run once; the SSE stream writes into it.
 */
export const liveRunQuery = (id: string) =>
  queryOptions({
    queryKey: runKeys.live(id),
    queryFn: async ({ client }): Promise<LiveRun> =>
      liveFromRecord(await client.fetchQuery(runRecordQuery(id))),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function createRun(req: RunRequest) {
  return apiFetch('/api/runs', CreatedRunSchema, { method: 'POST', json: req });
}

export function stopRun(id: string) {
  return apiFetch(`/api/runs/${encodeURIComponent(id)}/stop`, StoppedRunSchema, { method: 'POST' });
}

const eventTypes: RunEvent['type'][] = ['run-started', 'span', 'trial', 'summary', 'error', 'done'];

/** Follows a run's SSE stream into the TanStack Query cache (the `live` key). */
export function followRun(
  client: QueryClient,
  id: string,
  onState: (s: StreamState, detail?: string) => void,
): () => void {
  return followEventStream({
    url: `/api/runs/${encodeURIComponent(id)}/events`,
    types: eventTypes,
    schema: RunEventSchema,
    label: 'run',
    onState,
    onBatch: (batch) => {
      client.setQueryData<LiveRun>(runKeys.live(id), (prev) =>
        batch.reduce<LiveRun | undefined>((r, b) => applyRunEvent(r, b.event, b.eventId), prev),
      );
      if (batch.some((b) => b.event.type === 'done')) {
        void invalidateRunLists(client);
        void client.invalidateQueries({ queryKey: runKeys.record(id) });
      }
    },
  });
}

/**
 * A run, live: the cached record plus the SSE stream while it is running. The stream is the tab's
 * (watchRun), not the page's: leaving the page must not look to the server like a closed tab.
 */
export function useLiveRun(id: string | undefined) {
  const client = useQueryClient();
  const query = useQuery({ ...liveRunQuery(id ?? ''), enabled: Boolean(id) });
  const running = query.data?.status === 'running';
  useEffect(() => {
    if (id && running) watchRun(client, id);
  }, [client, id, running]);
  const stream = useRunStream(id);
  return { ...query, stream };
}
