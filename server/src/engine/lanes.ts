import type { ProfilerConnection } from '../db/profiler/instrumented-connection';
import { type Acquired, CancelledError, type ProfilerPool } from '../db/profiler/instrumented-pool';

/**
 * How a query of a trial gets its connection. Strategies differ in which lane they use: a pool
 * (each query takes any free connection), a pool limited to k per trial, or one dedicated
 * connection (served in FIFO order when several queries want it at once).
 */
export interface Lane {
  acquire(signal: AbortSignal): Promise<Acquired>;
  release(conn: ProfilerConnection, discard?: boolean): void;
  /** Gives back whatever the lane holds at the end of the trial. */
  finish(): void;
}

/** A FIFO counting semaphore whose waits can be abandoned. */
export class Semaphore {
  private queue: (() => void)[] = [];
  constructor(private free: number) {}

  /** Resolves to true when it had to queue. */
  take(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.reject(new CancelledError());
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve(false);
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      };
      const onAbort = () => {
        this.queue = this.queue.filter((g) => g !== grant);
        reject(new CancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(grant);
    });
  }

  give(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.free += 1;
  }
}

const now = () => performance.now();

/** At most k connections of the pool at once for this trial. */
export function limitedLane(pool: ProfilerPool, k: number): Lane {
  const slots = new Semaphore(k);
  return {
    async acquire(signal) {
      const start = now();
      const queued = await slots.take(signal);
      try {
        const got = await pool.acquire(signal);
        if (!queued) return got;
        return { ...got, waiting: { start, end: got.waiting?.end ?? got.connecting?.start ?? now() } };
      } catch (err) {
        slots.give();
        throw err;
      }
    },
    release(conn, discard) {
      pool.release(conn, discard);
      slots.give();
    },
    finish: () => {},
  };
}

/**
 * One connection taken from the pool for the whole trial. Queries that ask while it is busy queue
 * for it in FIFO order, as on a single connection (or a single thread) of an async ORM.
 */
export function dedicatedLane(pool: ProfilerPool): Lane {
  const turn = new Semaphore(1);
  let held: ProfilerConnection | null = null;
  return {
    async acquire(signal) {
      const start = now();
      const queued = await turn.take(signal);
      const waiting = queued ? { start, end: now() } : null;
      if (held?.alive) return { conn: held, waiting, connecting: null };
      if (held) pool.release(held);
      held = null;
      try {
        const got = await pool.acquire(signal);
        held = got.conn;
        return { ...got, waiting: waiting ? { start, end: got.waiting?.end ?? waiting.end } : got.waiting };
      } catch (err) {
        turn.give();
        throw err;
      }
    },
    release(conn, discard) {
      if (discard && conn === held) {
        pool.release(conn, true);
        held = null;
      }
      turn.give();
    },
    finish() {
      if (held) pool.release(held);
      held = null;
    },
  };
}
