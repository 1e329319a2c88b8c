const now = () => performance.now();

/** Wake this much early and finish on setImmediate: timers fire up to a millisecond or two late. */
const EARLY_MS = 1.5;
/** At most this many waits spin at once, so a load test with hundreds of them stays off the CPU. */
const MAX_SPINNING = 4;
let spinning = 0;
/** Wall time while at least one wait spun: the event loop was busy then, so it is CPU burned waiting. */
let spunMs = 0;
let spinSince = 0;

/** Milliseconds spent spinning so far, for CPU meters that must not count simulated waits as work. */
export function spinMsSoFar(): number {
  return spunMs + (spinning > 0 ? now() - spinSince : 0);
}

/**
 * Calls `fn` at `deadline` (performance.now() time), more precisely than setTimeout: simulated
 * delays and the latency proxy add up over a sequential trial, where 1 ms per step is 1–2% of it.
 * Always asynchronous, even for a deadline already past. Returns a function that cancels the call.
 */
export function atTime(deadline: number, fn: () => void): () => void {
  let cancelled = false;
  let counted = false;
  let timer: NodeJS.Timeout | null = null;
  const release = () => {
    if (counted) {
      spinning -= 1;
      if (spinning === 0) spunMs += now() - spinSince;
    }
    counted = false;
  };
  const check = () => {
    timer = null;
    if (cancelled) return;
    const left = deadline - now();
    if (left <= 0.02) {
      release();
      fn();
    } else if (left <= EARLY_MS && (counted || spinning < MAX_SPINNING)) {
      if (!counted && spinning++ === 0) spinSince = now();
      counted = true;
      setImmediate(check);
    } else {
      timer = setTimeout(check, left > EARLY_MS ? left - EARLY_MS : left);
    }
  };
  // Never synchronously: callers store the returned cancel function before `fn` may run.
  const left = deadline - now();
  if (left > EARLY_MS) timer = setTimeout(check, left - EARLY_MS);
  else setImmediate(check);
  return () => {
    cancelled = true;
    if (timer) clearTimeout(timer);
    release();
  };
}
