import {
  DetectorReportSchema,
  MatrixSchema,
  MeasurementSchema,
  ModelChecksSchema,
  type PresetRunRequest,
  type ScenarioId,
  type WhatIfInput,
  WhatIfResponseSchema,
} from '@gatherscope/shared';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../api/client';
import { runListQuery } from '../api/runs';

export const matrixKeys = {
  all: ['matrix'] as const,
  whatIf: (input: WhatIfInput) => ['matrix', 'what-if', input] as const,
  checks: ['matrix', 'model-checks'] as const,
  consecutive: (runId: string) => ['matrix', 'consecutive', runId] as const,
};

export const matrixQuery = () =>
  queryOptions({
    queryKey: matrixKeys.all,
    queryFn: ({ signal }) => apiFetch('/api/matrix', MatrixSchema, { signal }),
    // A preset started elsewhere (another tab) fills its cell when it ends.
    refetchInterval: (q) => (q.state.data?.running.length ? 2_000 : false),
  });

export const presetMutationKey = ['matrix', 'preset'] as const;

/**
 * Runs one preset (with the heavy-preset confirmation and mock latency of `request`); aborting the
 * request stops the preset on the server.
 */
export function runPreset(id: ScenarioId, request: PresetRunRequest, signal?: AbortSignal) {
  return apiFetch(`/api/matrix/scenarios/${id}/run`, MeasurementSchema, {
    method: 'POST',
    json: request,
    ...(signal ? { signal } : {}),
  });
}

/** Stops the measurement in progress on the server at once (closing its request alone would wait out the viewer grace). */
export function stopMeasurement() {
  return apiFetch('/api/matrix/stop', z.undefined(), { method: 'POST' });
}

export const whatIfQuery = (input: WhatIfInput) =>
  queryOptions({
    queryKey: matrixKeys.whatIf(input),
    queryFn: ({ signal }) =>
      apiFetch('/api/matrix/what-if', WhatIfResponseSchema, { method: 'POST', json: input, signal }),
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });

export const modelChecksQuery = () =>
  queryOptions({
    queryKey: matrixKeys.checks,
    queryFn: ({ signal }) => apiFetch('/api/matrix/model-checks', ModelChecksSchema, { signal }),
  });

/**
 * The completed runs of the shared run list (one cache with the Compare and History pages,
 * refreshed when a run ends).
 */
export const completedRunsQuery = () =>
  queryOptions({
    ...runListQuery(),
    select: (list) => list.runs.filter((r) => r.status === 'completed'),
  });

export const consecutiveQuery = (runId: string) =>
  queryOptions({
    queryKey: matrixKeys.consecutive(runId),
    queryFn: ({ signal }) =>
      apiFetch(`/api/matrix/runs/${encodeURIComponent(runId)}/consecutive`, DetectorReportSchema, { signal }),
  });

export function confirmSaving(runId: string) {
  return apiFetch(`/api/matrix/runs/${encodeURIComponent(runId)}/consecutive/confirm`, DetectorReportSchema, {
    method: 'POST',
  });
}
