/**
 * Copies of one signal that arrive within this time of the first are the same Ctrl-C: a terminal
 * signals the whole process group, and npm, npx and tsx each pass the signal on as well, so one key
 * press can arrive two or three times. Taking a copy for a second Ctrl-C would skip the clean stop
 * (queries left running on the database until their statement timeout).
 */
export const REPEATED_SIGNAL_MS = 1_000;

/** Whether a signal arriving at `now` is a copy of the first one, received at `firstAt`. */
export const isSignalCopy = (firstAt: number, now: number = performance.now()): boolean =>
  now - firstAt < REPEATED_SIGNAL_MS;
