import { AppError } from '../errors/app-error';

/**
 * The decision matrix measures one thing at a time: two presets, or a preset and a detector
 * confirmation, running together would load the same database and measure each other.
 */
export class OneAtATime<K> {
  #current: { key: K; what: string } | null = null;

  get current(): K | null {
    return this.#current?.key ?? null;
  }

  /** Runs fn unless something else is measuring; then a 409 names what is running. */
  async run<T>(key: K, what: string, fn: () => Promise<T>): Promise<T> {
    if (this.#current) {
      throw new AppError('run_limit_reached', `${this.#current.what} is still running.`, {
        status: 409,
        hint: 'The decision matrix measures one thing at a time (presets and detector confirmations), so they do not measure each other: wait for it to finish, then try again.',
        details: { running: this.#current.what },
      });
    }
    this.#current = { key, what };
    try {
      return await fn();
    } finally {
      this.#current = null;
    }
  }
}
