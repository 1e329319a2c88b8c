import {
  CaptureListSchema,
  ImportedRunSchema,
  LOAD_TEST_EXPORT_FORMAT,
  LoadTestListSchema,
  LoadTestRecordSchema,
  type LoadTestRequest,
  type RunList,
  RunRecordSchema,
  type RunRequest,
  type RunStatus,
} from '@gatherscope/shared';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../api/client';
import { createRun, runListQuery } from '../api/runs';
import { createLoadTest, loadKeys } from '../load/api';
import { fromCapture, fromLoadTest, fromRun } from './items';

/** A list with something still running is polled, so its result appears without a reload. */
const whileRunning = (items: readonly { status: RunStatus }[] | undefined) =>
  items?.some((i) => i.status === 'running') ? 2000 : false;

const runItems = (list: RunList) => list.runs.map(fromRun);

/** The shared run list (runListQuery of api/runs), as History items. */
export const runHistoryQuery = () =>
  queryOptions({
    ...runListQuery(),
    select: runItems,
    refetchInterval: (q) => whileRunning(q.state.data?.runs),
  });

export const loadTestListQuery = () =>
  queryOptions({
    queryKey: loadKeys.all,
    queryFn: async ({ signal }) =>
      (await apiFetch('/api/load-tests', LoadTestListSchema, { signal })).loadTests.map(fromLoadTest),
    refetchInterval: (q) => whileRunning(q.state.data),
  });

/** Captures and imported traces, as History items. */
export const captureHistoryQuery = () =>
  queryOptions({
    queryKey: ['captures'] as const,
    queryFn: async ({ signal }) =>
      (await apiFetch('/api/captures', CaptureListSchema, { signal })).captures.map(fromCapture),
    refetchInterval: (q) => whileRunning(q.state.data),
  });

export function deleteHistoryItem(kind: 'profile' | 'load' | 'capture', id: string) {
  const base = kind === 'profile' ? '/api/runs' : kind === 'load' ? '/api/load-tests' : '/api/captures';
  return apiFetch(`${base}/${encodeURIComponent(id)}`, z.unknown(), { method: 'DELETE' });
}

/** Starts the same run again: the stored workload (inline, as it ran), target and settings. */
export async function rerunProfile(id: string) {
  const r = await apiFetch(`/api/runs/${encodeURIComponent(id)}`, RunRecordSchema);
  const request: RunRequest = { ...r.settings, workload: r.workload, target: r.target };
  return createRun(request);
}

export async function rerunLoadTest(id: string) {
  const t = await apiFetch(`/api/load-tests/${encodeURIComponent(id)}`, LoadTestRecordSchema);
  const request: LoadTestRequest = { ...t.settings, workload: t.workload, target: t.target };
  return createLoadTest(request);
}

/** Whether an uploaded file is a load test (its export envelope, or a bare record) rather than a run. */
export const isLoadTestFile = (file: unknown): boolean =>
  typeof file === 'object' &&
  file !== null &&
  ((file as { format?: unknown }).format === LOAD_TEST_EXPORT_FORMAT ||
    (file as { kind?: unknown }).kind === 'load');

/** Uploads an exported run or load test (JSON); the server validates it and gives it an id here. */
export function importRecord(file: unknown) {
  const url = isLoadTestFile(file) ? '/api/load-tests/import' : '/api/runs/import';
  return apiFetch(url, ImportedRunSchema, { method: 'POST', json: file });
}
