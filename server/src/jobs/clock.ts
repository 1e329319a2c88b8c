/**
 * The timers of the job lifecycle (viewer grace, first viewer, persistence). Injected so that the
 * lifecycle tests step time by hand instead of sleeping against real timers.
 */
export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};
