import type { RunEvent, Span, Trial } from '@gatherscope/shared';

/**
 * Assembles trials from the live span and trial events, so a run can be saved while it is still
 * going (and a viewer of `GET /api/runs/:id` sees the trials so far).
 */
export class TrialCollector {
  readonly #open = new Map<string, Span[]>();
  readonly #trials: Trial[];

  /** Finished trials are appended to `into` (the running record's own list, so reads see them). */
  constructor(into: Trial[] = []) {
    this.#trials = into;
  }

  add(event: RunEvent): void {
    if (event.type === 'span') {
      const key = `${event.span.strategy}:${event.span.trial}`;
      const spans = this.#open.get(key) ?? [];
      spans.push(event.span);
      this.#open.set(key, spans);
    } else if (event.type === 'trial') {
      const key = `${event.strategy}:${event.trial}`;
      this.#trials.push({
        strategy: event.strategy,
        trial: event.trial,
        warmup: event.warmup,
        wallMs: event.wallMs,
        ...(event.startedAt !== undefined && { startedAt: event.startedAt }),
        spans: this.#open.get(key) ?? [],
        failed: event.failed,
      });
      this.#open.delete(key);
    }
  }

  get count(): number {
    return this.#trials.length;
  }

  trials(): Trial[] {
    return [...this.#trials];
  }
}
