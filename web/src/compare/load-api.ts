import { LoadTestRecordSchema } from '@gatherscope/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from '../api/client';
import { loadKeys } from '../load/api';

/** A stored load test, whole (its series too), for Compare: polled only while it still runs. */
export const loadRecordQuery = (id: string) =>
  queryOptions({
    queryKey: [...loadKeys.all, id, 'record'] as const,
    queryFn: ({ signal }) =>
      apiFetch(`/api/load-tests/${encodeURIComponent(id)}`, LoadTestRecordSchema, { signal }),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 2000 : false),
  });
