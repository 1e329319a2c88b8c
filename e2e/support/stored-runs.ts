import {
  CreatedLoadTestSchema,
  CreatedRunSchema,
  type LoadTestRecord,
  LoadTestRecordSchema,
  type LoadTestRequest,
  type RunRecord,
  RunRecordSchema,
  type RunRequest,
} from '@gatherscope/shared';
import { type APIRequestContext, expect } from '@playwright/test';

/** Port of the "other origin" host page of the embed test; the app allows it to frame the embed view. */
export const embedHostPort = () => Number(process.env.E2E_PORT) + 1;

/**
 * Runs a short profile through the real API on the real demo database and waits until it is
 * stored. Detached: nobody watches its stream.
 */
export async function completedRun(
  request: APIRequestContext,
  overrides: Partial<RunRequest> = {},
): Promise<RunRecord> {
  const body: RunRequest = {
    workload: 'slow-dashboard',
    strategies: ['sequential', 'concurrent'],
    trials: 3,
    warmup: 1,
    detached: true,
    ...overrides,
  };
  const res = await request.post('/api/runs', { data: body });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = CreatedRunSchema.parse(await res.json());
  let record: RunRecord | undefined;
  await expect
    .poll(
      async () => {
        record = RunRecordSchema.parse(await (await request.get(`/api/runs/${id}`)).json());
        return record.status;
      },
      { timeout: 45_000, intervals: [250, 500, 1000] },
    )
    .toBe('completed');
  return record!;
}

/** Runs a one-second load test through the real API and waits until it is stored. Detached. */
export async function completedLoadTest(
  request: APIRequestContext,
  overrides: Partial<LoadTestRequest> = {},
): Promise<LoadTestRecord> {
  const body: LoadTestRequest = {
    workload: 'trivial',
    strategies: ['concurrent'],
    model: { kind: 'closed', vus: 2 },
    durationS: 1,
    detached: true,
    ...overrides,
  };
  const res = await request.post('/api/load-tests', { data: body });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = CreatedLoadTestSchema.parse(await res.json());
  let record: LoadTestRecord | undefined;
  await expect
    .poll(
      async () => {
        record = LoadTestRecordSchema.parse(await (await request.get(`/api/load-tests/${id}`)).json());
        return record.status;
      },
      { timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe('completed');
  return record!;
}
