import type { LoadModel } from '@gatherscope/shared';
import type { PhaseRecorder } from '../recorder';
import type { RequestOutcome } from '../request';

export interface ModelContext {
  /** performance.now() after which no request starts. */
  deadline: number;
  maxRequests: number;
  stopped: () => boolean;
  runOne: () => Promise<RequestOutcome>;
  recorder: PhaseRecorder;
}

/** Sleeps `ms`, waking early when the test stops; never past the deadline. */
export function pause(ms: number, ctx: Pick<ModelContext, 'deadline' | 'stopped'>): Promise<void> {
  const until = Math.min(performance.now() + ms, ctx.deadline);
  return new Promise((resolve) => {
    const step = () => {
      const left = until - performance.now();
      if (left <= 0 || ctx.stopped()) resolve();
      else setTimeout(step, Math.min(left, 100));
    };
    step();
  });
}

/**
 * Closed model: `vus` virtual users, each looping request → think time until the deadline. The
 * number of requests in flight never exceeds the number of users, so a slow system slows the
 * arrival of requests too: latency is measured from each request's real start.
 */
export async function runClosed(
  model: Extract<LoadModel, { kind: 'closed' }>,
  ctx: ModelContext,
): Promise<void> {
  let started = 0;
  const begin = performance.now();
  const more = () => !ctx.stopped() && performance.now() < ctx.deadline && started < ctx.maxRequests;
  const user = async (index: number) => {
    const offset = model.vus > 1 ? (model.rampUpS * 1000 * index) / model.vus : 0;
    await pause(begin + offset - performance.now(), ctx);
    // One clock reading per request: the end of one is the start of the next (the generator's CPU
    // per request bounds its throughput).
    let now = performance.now();
    while (!ctx.stopped() && now < ctx.deadline && started < ctx.maxRequests) {
      started++;
      const t0 = now;
      const outcome = await ctx.runOne();
      now = performance.now();
      ctx.recorder.request(now - t0, outcome);
      if (model.thinkTimeMs > 0 && more()) {
        await pause(model.thinkTimeMs, ctx);
        now = performance.now();
      }
    }
  };
  await Promise.all(Array.from({ length: model.vus }, (_, i) => user(i)));
}
