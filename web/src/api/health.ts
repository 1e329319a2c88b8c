import { HealthSchema } from '@gatherscope/shared';
import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './client';

export const healthQuery = () =>
  queryOptions({
    queryKey: ['health'],
    queryFn: ({ signal }) => apiFetch('/api/health', HealthSchema, { signal }),
    refetchInterval: 15_000,
  });
