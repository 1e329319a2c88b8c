import { median } from '../src/engine/stats';

/** Marks the end of each measured round with the wall clock and this process's CPU time. */
export class RoundClock {
  readonly #marks: { t: number; cpu: number }[] = [];
  readonly #durations: number[] = [];

  /** A round ended; `durationMs` is its own wall time (start of its first query to end of its last). */
  mark(durationMs: number): void {
    const { user, system } = process.cpuUsage();
    this.#marks.push({ t: performance.now(), cpu: (user + system) / 1000 });
    this.#durations.push(durationMs);
  }

  /**
   * Between the first and the last mark (steady state: no set-up, no statistics): rounds per second
   * of wall time, including whatever happens between rounds; the median round's own wall time; and
   * milliseconds of client CPU per round. CPU time is what the runner costs the app; it is far
   * less disturbed by other processes on a busy machine than wall time.
   */
  stats(): { roundsPerSecond: number; medianRoundMs: number; cpuMsPerRound: number } {
    const first = this.#marks[0];
    const last = this.#marks.at(-1);
    if (!first || !last || last.t <= first.t)
      return { roundsPerSecond: 0, medianRoundMs: 0, cpuMsPerRound: 0 };
    const n = this.#marks.length - 1;
    return {
      roundsPerSecond: (n / (last.t - first.t)) * 1000,
      medianRoundMs: median(this.#durations),
      cpuMsPerRound: (last.cpu - first.cpu) / n,
    };
  }
}
