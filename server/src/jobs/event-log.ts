/** One entry of an event log: its sequence id (1, 2, 3 …) and the event. */
export interface Sequenced<T> {
  seq: number;
  event: T;
}

export type WaitResult = 'more' | 'closed' | 'timeout' | 'aborted';

/**
 * An append-only log of events with sequence ids, for Server-Sent Events that resume without loss:
 * a reader remembers the last id it saw and asks for everything after it. Readers pull, so a slow
 * client never makes the producer wait, and no event is sent twice or skipped.
 */
export class EventLog<T> {
  #entries: Sequenced<T>[] = [];
  /** The id of the last event, or the id `skipTo` made the next one follow. */
  #numbered = 0;
  #closed = false;
  #waiters = new Set<() => void>();

  get lastSeq(): number {
    return this.#entries.at(-1)?.seq ?? 0;
  }

  /** Appends an event and returns its sequence id. Appending to a closed log is a bug. */
  append(event: T): number {
    if (this.#closed) throw new Error('append to a closed event log');
    this.#numbered++;
    this.#entries.push({ seq: this.#numbered, event });
    this.#wake();
    return this.#numbered;
  }

  /**
   * Numbers the next event after `seq`, leaving a gap. For a log rebuilt from a record that kept
   * less than a reader saw live: what comes next must carry an id past the reader's last one.
   */
  skipTo(seq: number): void {
    this.#numbered = Math.max(this.#numbered, seq);
  }

  /** No more events will come; readers finish once they have read everything. */
  close(): void {
    this.#closed = true;
    this.#wake();
  }

  /** Events with a sequence id greater than `afterSeq` (0 = from the start). */
  since(afterSeq: number): Sequenced<T>[] {
    // Ids are increasing; without a gap (the usual case) an entry's index is its id - 1.
    let i = Math.max(0, Math.min(afterSeq, this.#entries.length));
    while (i > 0 && (this.#entries[i - 1]?.seq ?? 0) > afterSeq) i--;
    return this.#entries.slice(i);
  }

  /** Resolves when an event after `afterSeq` exists, the log closes, the time is up, or `signal` aborts. */
  wait(afterSeq: number, timeoutMs: number, signal?: AbortSignal): Promise<WaitResult> {
    if (this.lastSeq > afterSeq) return Promise.resolve('more');
    if (this.#closed) return Promise.resolve('closed');
    if (signal?.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const finish = (r: WaitResult) => {
        clearTimeout(timer);
        this.#waiters.delete(wake);
        signal?.removeEventListener('abort', onAbort);
        resolve(r);
      };
      // Woken by any append or the close: keep waiting while nothing after `afterSeq` exists yet.
      const wake = () => {
        if (this.lastSeq > afterSeq) finish('more');
        else if (this.#closed) finish('closed');
        else this.#waiters.add(wake);
      };
      const onAbort = () => finish('aborted');
      const timer = setTimeout(() => finish('timeout'), timeoutMs);
      this.#waiters.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #wake(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const w of waiters) w();
  }
}
