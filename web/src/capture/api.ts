import {
  type CaptureJobEvent,
  CaptureJobEventSchema,
  CaptureRecordSchema,
  type CaptureStartRequest,
  CreatedCaptureSchema,
  EndpointSavingsSchema,
  ImportedTraceSchema,
  type ReplayRequest,
  ReplayStartedSchema,
  RequestGraphSchema,
  StoppedCaptureSchema,
} from '@gatherscope/shared';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../api/client';
import type { LiveJobKind } from '../jobs/kind';
import { useLiveJob } from '../jobs/useLiveJob';
import { applyCaptureEvent, type LiveCapture, liveFromCaptureRecord } from './live';

const enc = encodeURIComponent;

/** Query keys of captures; `all` is the list History shows. */
export const captureKeys = {
  all: ['captures'] as const,
  live: (id: string) => ['captures', id, 'live'] as const,
  endpoints: (id: string, rtt: number) => ['captures', id, 'endpoints', rtt] as const,
  graph: (id: string, rid: string, rtt: number) => ['captures', id, 'graph', rid, rtt] as const,
};

export const liveCaptureQuery = (id: string) =>
  queryOptions({
    queryKey: captureKeys.live(id),
    queryFn: async ({ signal }): Promise<LiveCapture> =>
      liveFromCaptureRecord(await apiFetch(`/api/captures/${enc(id)}`, CaptureRecordSchema, { signal })),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const endpointSavingsQuery = (id: string, rtt: number) =>
  queryOptions({
    queryKey: captureKeys.endpoints(id, rtt),
    queryFn: ({ signal }) =>
      apiFetch(`/api/captures/${enc(id)}/endpoints?rtt=${rtt}`, EndpointSavingsSchema, { signal }),
  });

export const requestGraphQuery = (id: string, rid: string, rtt: number) =>
  queryOptions({
    queryKey: captureKeys.graph(id, rid, rtt),
    queryFn: ({ signal }) =>
      apiFetch(`/api/captures/${enc(id)}/requests/${enc(rid)}/graph?rtt=${rtt}`, RequestGraphSchema, {
        signal,
      }),
  });

export const startCapture = (req: CaptureStartRequest) =>
  apiFetch('/api/captures', CreatedCaptureSchema, { method: 'POST', json: req });

export const stopCapture = (id: string) =>
  apiFetch(`/api/captures/${enc(id)}/stop`, StoppedCaptureSchema, { method: 'POST' });

export const deleteCapture = (id: string) =>
  apiFetch(`/api/captures/${enc(id)}`, z.unknown(), { method: 'DELETE' });

export const replayRequest = (id: string, rid: string, body: ReplayRequest) =>
  apiFetch(`/api/captures/${enc(id)}/requests/${enc(rid)}/replay`, ReplayStartedSchema, {
    method: 'POST',
    json: body,
  });

export const importTraceFile = (fileName: string, trace: unknown) =>
  apiFetch('/api/traces', ImportedTraceSchema, { method: 'POST', json: { fileName, trace } });

/** The capture file's URL: the browser downloads it (`redact` withholds literals and parameters). */
export const exportUrl = (id: string, redact: boolean) =>
  `/api/captures/${enc(id)}/export${redact ? '?redact=1' : ''}`;

/** Captures as the tab follows them (jobs/): the live record, its events, its page. */
export const captureJob: LiveJobKind<LiveCapture, CaptureJobEvent, ReturnType<typeof captureKeys.live>> = {
  label: 'Capture',
  liveQuery: liveCaptureQuery,
  eventsUrl: (id) => `/api/captures/${enc(id)}/events`,
  types: [
    'capture-started',
    'listening',
    'connection',
    'statement',
    'request',
    'cut',
    'dropped',
    'error',
    'done',
  ],
  schema: CaptureJobEventSchema,
  apply: applyCaptureEvent,
  onDone: (client, id) => {
    void client.invalidateQueries({ queryKey: captureKeys.all, exact: true });
    void client.invalidateQueries({ queryKey: captureKeys.live(id) });
  },
  href: (id) => `/capture/${enc(id)}`,
  shows: (id, { pathname }) => pathname.startsWith(`/capture/${enc(id)}`),
};

export const useLiveCapture = (id: string | undefined) => useLiveJob(captureJob, id);
