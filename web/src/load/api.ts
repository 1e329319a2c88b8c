import {
  CreatedLoadTestSchema,
  type LoadEvent,
  LoadEventSchema,
  LoadTestRecordSchema,
  type LoadTestRequest,
  StoppedLoadTestSchema,
} from '@gatherscope/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from '../api/client';
import type { LiveJobKind } from '../jobs/kind';
import { useLiveJob } from '../jobs/useLiveJob';
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

/** Load tests as the tab follows them (jobs/): the live record, its events, its page. */
export const loadJob: LiveJobKind<LiveLoad, LoadEvent, ReturnType<typeof loadKeys.live>> = {
  label: 'Load test',
  liveQuery: liveLoadQuery,
  eventsUrl: (id) => `/api/load-tests/${encodeURIComponent(id)}/events`,
  types: ['load-started', 'phase', 'second', 'result', 'sweep-point', 'verdict', 'error', 'done'],
  schema: LoadEventSchema,
  apply: applyLoadEvent,
  onDone: (client) => void client.invalidateQueries({ queryKey: loadKeys.all, exact: true }),
  href: (id) => `/load/${encodeURIComponent(id)}`,
  shows: (id, { pathname }) => pathname === `/load/${encodeURIComponent(id)}`,
};

/** A load test, live: the cached record plus the SSE stream (the tab's) while it runs. */
export const useLiveLoadTest = (id: string | undefined) => useLiveJob(loadJob, id);
