import {
  ConnectionListSchema,
  ConnectionSchema,
  ConnectionTestSchema,
  type NewConnection,
} from '@gatherscope/shared';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../api/client';

export const connectionsQuery = () =>
  queryOptions({
    queryKey: ['connections'],
    queryFn: ({ signal }) => apiFetch('/api/connections', ConnectionListSchema, { signal }),
  });

export const saveConnection = (c: NewConnection) =>
  apiFetch('/api/connections', ConnectionSchema, { method: 'POST', json: c });

export const testConnection = (id: string) =>
  apiFetch(`/api/connections/${encodeURIComponent(id)}/test`, ConnectionTestSchema, { method: 'POST' });

export const removeConnection = (id: string) =>
  apiFetch(`/api/connections/${encodeURIComponent(id)}`, z.undefined(), { method: 'DELETE' });

/** The saved connection's database as the status bar shows it: asked of the database, every minute. */
export const connectionStatusQuery = (id: string) =>
  queryOptions({
    queryKey: ['connections', id, 'status'],
    queryFn: () => testConnection(id),
    refetchInterval: 60_000,
    staleTime: 30_000,
    retry: false,
  });
