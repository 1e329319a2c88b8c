import { type LoadSecond, LoadSettingsSchema, type Workload } from '@gatherscope/shared';
import { openLatencyProxy } from '../src/load/proxy';
import { type LoadTestOutcome, runLoadTest } from '../src/load/runner';

/**
 * Starts a load test the way the server does (the latency proxy, no abort) for a test that
 * disturbs the database while it runs; `seconds` grows as the live seconds arrive.
 */
export function startLoadTest(
  testId: string,
  url: string,
  workload: Workload,
  settings: Record<string, unknown>,
): { done: Promise<LoadTestOutcome>; seconds: LoadSecond[] } {
  const seconds: LoadSecond[] = [];
  const done = runLoadTest({
    testId,
    url,
    workload,
    settings: LoadSettingsSchema.parse(settings),
    signal: new AbortController().signal,
    onEvent: (e) => {
      if (e.type === 'second') seconds.push(e.second);
    },
    openProxy: openLatencyProxy,
  });
  return { done, seconds };
}
