import type { LoadModel } from '@gatherscope/shared';
import type { ModelContext } from './closed';

/**
 * Open model (wrk2, k6 constant-arrival-rate): request i is scheduled at start + i / rate whatever
 * the system does. Latency counts from the SCHEDULED start, so time spent queued behind a slow
 * system is in the numbers (no coordinated omission). At most `maxInFlight` run at once; the
 * backlog is the range of scheduled-but-not-started indices, so it costs no memory, and a request
 * whose start lags its schedule by more than `maxLagMs` is dropped (counted, never run).
 */
export function runOpen(model: Extract<LoadModel, { kind: 'open' }>, ctx: ModelContext): Promise<void> {
  const interval = 1000 / model.rate;
  const t0 = performance.now();
  const scheduledAt = (i: number) => t0 + i * interval;
  let next = 0; // first index not yet due
  let head = 0; // first index not yet started or dropped
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;

  return new Promise<void>((resolve) => {
    const finishIfDone = () => {
      const closed = ctx.stopped() || performance.now() >= ctx.deadline || next >= ctx.maxRequests;
      if (closed && head === next && inFlight === 0) {
        if (timer) clearTimeout(timer);
        resolve();
      }
      return closed;
    };

    const pump = () => {
      const now = performance.now();
      const closing = ctx.stopped() || now >= ctx.deadline;
      while (!closing && next < ctx.maxRequests && scheduledAt(next) <= now) next++;
      // Requests that could not start in time; at the end, everything still queued.
      while (head < next && (closing || now - scheduledAt(head) > model.maxLagMs)) {
        head++;
        ctx.recorder.drop();
      }
      while (head < next && inFlight < model.maxInFlight) {
        const scheduled = scheduledAt(head++);
        inFlight++;
        const lag = performance.now() - scheduled;
        void ctx.runOne().then((outcome) => {
          inFlight--;
          ctx.recorder.request(performance.now() - scheduled, outcome, lag);
          pump();
        });
      }
      if (finishIfDone()) return;
      if (timer) clearTimeout(timer);
      // Wake at the next arrival, or when the oldest queued request would exceed its lag budget.
      const wake = Math.min(
        next < ctx.maxRequests ? scheduledAt(next) : Number.POSITIVE_INFINITY,
        head < next ? scheduledAt(head) + model.maxLagMs + 1 : Number.POSITIVE_INFINITY,
        ctx.deadline,
      );
      timer = setTimeout(pump, Math.max(0, Math.min(wake - performance.now(), 100)));
    };
    pump();
  });
}
