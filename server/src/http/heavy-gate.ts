import { AppError } from '../errors/app-error';

/**
 * At most `limit` heavy responses (a stored run parsed and turned into CSV, OTLP or HTML, a run
 * import) are built at once; the others wait their turn. Eight exports of a 60 MB run built at
 * once took the server to 2.6 GB and /api/health to 8 s; in turn, memory holds one or two runs.
 */
export class HeavyGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly limit: number,
    /** A request that waits longer than this is answered 503 instead. */
    private readonly maxWaitMs = 60_000,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await fn();
    } finally {
      this.leave();
    }
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  private enter(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const go = () => {
        clearTimeout(timer);
        this.running++;
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.queue.indexOf(go);
        if (i >= 0) this.queue.splice(i, 1);
        reject(
          new AppError('server_busy', 'The server is busy building other large exports.', {
            status: 503,
            hint: 'Try again in a minute.',
          }),
        );
      }, this.maxWaitMs);
      this.queue.push(go);
    });
  }

  private leave(): void {
    this.running--;
    this.queue.shift()?.();
  }
}

/** The process's gate for heavy responses: two at a time. */
export const heavyResponses = new HeavyGate(2);
