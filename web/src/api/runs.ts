import {
  CreatedRunSchema,
  type RunEvent,
  RunEventSchema,
  RunListSchema,
  RunRecordSchema,
  type RunRequest,
  StoppedRunSchema,
} from '@gatherscope/shared';
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { LiveJobKind } from '../jobs/kind';
import { useLiveJob } from '../jobs/useLiveJob';
import { applyRunEvent, type LiveRun, liveFromRecord } from '../timeline/live-run';
import { apiFetch } from './client';

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

/** Profile runs as the tab follows them (jobs/): the live record, its events, its page. */
export const runJob: LiveJobKind<LiveRun, RunEvent, ReturnType<typeof runKeys.live>> = {
  label: 'Run',
  liveQuery: liveRunQuery,
  eventsUrl: (id) => `/api/runs/${encodeURIComponent(id)}/events`,
  types: ['run-started', 'span', 'trial', 'summary', 'error', 'done'],
  schema: RunEventSchema,
  apply: applyRunEvent,
  onDone: (client, id) => {
    void invalidateRunLists(client);
    void client.invalidateQueries({ queryKey: runKeys.record(id) });
  },
  href: (id) => `/profile?run=${encodeURIComponent(id)}`,
  shows: (id, { pathname, search }) =>
    (pathname === '/profile' && new URLSearchParams(search).get('run') === id) ||
    pathname === `/runs/${encodeURIComponent(id)}`,
};

/** A run, live: the cached record plus the SSE stream (the tab's) while it is running. */
export const useLiveRun = (id: string | undefined) => useLiveJob(runJob, id);
