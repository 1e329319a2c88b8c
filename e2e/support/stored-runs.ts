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

/**
 * Think time (ms) of the load tests that check a lifecycle, a page or how the numbers agree, not how
 * much a strategy serves: without one a closed model runs as fast as the machine allows, so each
 * second of it burns both cores and starves the spec file running beside it. 50 ms still gives
 * every virtual user many requests a second, so each full second has numbers to chart and compare.
 */
export const PACED_THINK_MS = 50;

/** What a zod schema of the shared contract offers. */
interface Parser<T> {
  parse(value: unknown): T;
}

/** Starts a run or load test at `collection` (POST), then polls it until it is stored as completed. */
async function startAndAwait<R extends { status: string }>(
  request: APIRequestContext,
  collection: '/api/runs' | '/api/load-tests',
  data: unknown,
  schemas: { created: Parser<{ id: string }>; record: Parser<R> },
  timeout: number,
): Promise<R> {
  const res = await request.post(collection, { data });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = schemas.created.parse(await res.json());
  let record: R | undefined;
  await expect
    .poll(
      async () => {
        record = schemas.record.parse(await (await request.get(`${collection}/${id}`)).json());
        return record.status;
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBe('completed');
  return record!;
}

/**
 * Runs a short profile through the real API on the real demo database and waits until it is
 * stored. Detached: nobody watches its stream.
 */
export function completedRun(
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
  return startAndAwait(
    request,
    '/api/runs',
    body,
    { created: CreatedRunSchema, record: RunRecordSchema },
    45_000,
  );
}

/** Runs a one-second, paced load test through the real API and waits until it is stored. Detached. */
export function completedLoadTest(
  request: APIRequestContext,
  overrides: Partial<LoadTestRequest> = {},
): Promise<LoadTestRecord> {
  const body: LoadTestRequest = {
    workload: 'trivial',
    strategies: ['concurrent'],
    model: { kind: 'closed', vus: 2, thinkTimeMs: PACED_THINK_MS },
    durationS: 1,
    detached: true,
    ...overrides,
  };
  return startAndAwait(
    request,
    '/api/load-tests',
    body,
    { created: CreatedLoadTestSchema, record: LoadTestRecordSchema },
    30_000,
  );
}
