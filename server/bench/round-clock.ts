/** Marks the end of each measured round with the wall clock and this process's CPU time. */
export class RoundClock {
  readonly #marks: { t: number; cpu: number }[] = [];

  mark(): void {
    const { user, system } = process.cpuUsage();
    this.#marks.push({ t: performance.now(), cpu: (user + system) / 1000 });
  }

  /**
   * Between the first and the last mark (steady state: no set-up, no statistics): rounds per second
   * of wall time, and milliseconds of client CPU per round. CPU time is what instrumentation costs
   * the app; it is far less disturbed by other processes on a busy machine than wall time.
   */
  stats(): { roundsPerSecond: number; cpuMsPerRound: number } {
    const first = this.#marks[0];
    const last = this.#marks.at(-1);
    if (!first || !last || last.t <= first.t) return { roundsPerSecond: 0, cpuMsPerRound: 0 };
    const n = this.#marks.length - 1;
    return { roundsPerSecond: (n / (last.t - first.t)) * 1000, cpuMsPerRound: (last.cpu - first.cpu) / n };
  }
}
