// Test support only: a stand-in for the execution core with the same contract (`RunProfile`), so the
// run manager and routes can be tested for ordering, resume and cancellation without a database.
import type { RunSummary, Span, Trial, Workload } from '@gatherscope/shared';
import { trialSchedule } from '../../src/engine/run-profile';
import type { ProfileRunResult, RunProfile } from '../../src/engine/types';

export const twoQueryWorkload: Workload = {
  name: 'two queries',
  queries: [
    { id: 'a', sql: 'SELECT 1' },
    { id: 'b', sql: 'SELECT 2' },
  ],
};

/** One trial of the stand-ins: a 1 ms span per query, one after another, then its trial event. */
function emitTrial(
  workload: Workload,
  strategy: Trial['strategy'],
  trial: number,
  onEvent: Parameters<RunProfile>[0]['onEvent'],
): Trial {
  const spans: Span[] = workload.queries.map((q, i) => ({
    strategy,
    trial,
    queryId: q.id,
    start: i,
    end: i + 1,
    phases: [{ phase: 'executing', start: i, end: i + 1 }],
    pid: 1000 + i,
    rows: 1,
    bytes: 8,
  }));
  for (const span of spans) onEvent({ type: 'span', span });
  const t: Trial = { strategy, trial, warmup: trial < 0, wallMs: spans.length, spans, failed: false };
  onEvent({ type: 'trial', strategy, trial, warmup: t.warmup, wallMs: t.wallMs, failed: false });
  return t;
}

/** Emits a span per query and a trial event per trial, `trialMs` apart, and stops on abort. */
export function fakeRunProfile(trialMs = 5): RunProfile & { calls: number } {
  const fn = async ({ workload, settings, signal, onEvent }: Parameters<RunProfile>[0]) => {
    fn.calls++;
    const trials: Trial[] = [];
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(t);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const t = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
      });
    for (const { strategy, trial } of trialSchedule(settings)) {
      await sleep(trialMs);
      if (signal.aborted) {
        const r: ProfileRunResult = { status: 'cancelled', trials, summary: null, error: null };
        return r;
      }
      trials.push(emitTrial(workload, strategy, trial, onEvent));
    }
    const summary: RunSummary = {
      strategies: [],
      theory: { sumMs: 2, maxMs: 1, criticalPathMs: 1, boundedMs: 1, boundedK: settings.boundedK },
      verdict: 'test double',
    };
    onEvent({ type: 'summary', summary });
    const r: ProfileRunResult = { status: 'completed', trials, summary, error: null };
    return r;
  };
  fn.calls = 0;
  return fn;
}

/**
 * A stand-in whose trials happen when the test says so (`trial()`), and which ends when stopped or
 * when the test calls `complete()`: lifecycle tests step it without any timer.
 */
export function steppedRunProfile() {
  let emit: ((trial: number) => void) | undefined;
  let complete: (() => void) | undefined;
  const trials: Trial[] = [];
  const profile: RunProfile = ({ workload, signal, onEvent }) =>
    new Promise<ProfileRunResult>((resolve) => {
      emit = (trial) => trials.push(emitTrial(workload, 'sequential', trial, onEvent));
      complete = () => resolve({ status: 'completed', trials, summary: null, error: null });
      signal.addEventListener(
        'abort',
        () => resolve({ status: 'cancelled', trials, summary: null, error: null }),
        { once: true },
      );
    });
  return {
    profile,
    trial: () => emit?.(trials.length),
    complete: () => complete?.(),
  };
}
