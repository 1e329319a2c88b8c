import {
  SavedWorkloadInfoSchema,
  SavedWorkloadListSchema,
  type Workload,
  type WorkloadCheckRequest,
  WorkloadCheckSchema,
  WorkloadListSchema,
  WorkloadSchema,
} from '@gatherscope/shared';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../api/client';

export const builtinWorkloadsQuery = () =>
  queryOptions({
    queryKey: ['workloads', 'builtin'],
    queryFn: ({ signal }) => apiFetch('/api/workloads', WorkloadListSchema, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const savedWorkloadsQuery = () =>
  queryOptions({
    queryKey: ['workloads', 'saved'],
    queryFn: ({ signal }) => apiFetch('/api/saved-workloads', SavedWorkloadListSchema, { signal }),
  });

export const loadSavedWorkload = (id: string) =>
  apiFetch(`/api/saved-workloads/${encodeURIComponent(id)}`, WorkloadSchema);

export const saveWorkload = (w: Workload) =>
  apiFetch('/api/saved-workloads', SavedWorkloadInfoSchema, { method: 'POST', json: w });

export const deleteSavedWorkload = (id: string) =>
  apiFetch(`/api/saved-workloads/${encodeURIComponent(id)}`, z.undefined(), { method: 'DELETE' });

/** Each query parsed and described on the chosen database, not run (`POST /api/workloads/check`). */
export const checkWorkload = (req: WorkloadCheckRequest) =>
  apiFetch('/api/workloads/check', WorkloadCheckSchema, { method: 'POST', json: req });
