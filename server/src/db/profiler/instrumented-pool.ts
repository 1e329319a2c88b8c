import type { ProfilerConnection } from './instrumented-connection';

/** What the pool needs of a connection. */
export interface Poolable {
  readonly pid: number;
  readonly alive: boolean;
  close(): Promise<void>;
  onDeath(listener: () => void): void;
}

/** A connection handed out by the pool, with how long it took to get it (performance.now() times). */
export interface Acquired<C extends Poolable = ProfilerConnection> {
  conn: C;
  /** Queued because every connection was busy. */
  waiting: { start: number; end: number } | null;
  /** A new connection had to be opened. */
  connecting: { start: number; end: number } | null;
}

/** Thrown to a waiter when the work it waits for is cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('The run was stopped.');
    this.name = 'CancelledError';
  }
}

/**
 * Thrown to a waiter that got no connection in time: pool exhaustion is reported, never a hang.
 * The bound is generous (longer than any statement may run), so it only fires when something holds
 * connections far longer than a statement may take.
 */
export class PoolWaitTimeoutError extends Error {
  constructor(
    readonly waitedMs: number,
    readonly max: number,
  ) {
    super(
      `No connection became free within ${Math.round(waitedMs / 1000)} s: all ${max} connection${max === 1 ? ' is' : 's are'} busy. Use a larger pool, or shorter queries.`,
    );
    this.name = 'PoolWaitTimeoutError';
  }
}

type Grant<C> = { conn: C } | { slot: true };
interface Waiter<C> {
  grant: (g: Grant<C>) => void;
}

const now = () => performance.now();

/**
 * A FIFO connection pool that reports its waiting and connecting times separately, which pg.Pool
 * cannot. At most `max` connections exist (open or opening); idle ones are reused most recent first.
 */
export class ProfilerPool<C extends Poolable = ProfilerConnection> {
  private idle: C[] = [];
  private busy = new Set<C>();
  private waiters: Waiter<C>[] = [];
  private count = 0;
  private closed = false;

  constructor(
    private readonly open: () => Promise<C>,
    readonly max: number,
    /** How long a request may wait for a free connection before it fails. */
    private readonly waitTimeoutMs = 60_000,
  ) {}

  async acquire(signal?: AbortSignal): Promise<Acquired<C>> {
    if (signal?.aborted || this.closed) throw new CancelledError();
    const start = now();
    const conn = this.takeIdle();
    if (conn) return { conn, waiting: null, connecting: null };
    if (this.count < this.max) {
      this.count += 1;
      return { conn: await this.openCounted(), waiting: null, connecting: { start, end: now() } };
    }
    const grant = await new Promise<Grant<C>>((resolve, reject) => {
      const waiter: Waiter<C> = {
        grant: (g) => {
          signal?.removeEventListener('abort', onAbort);
          clearTimeout(timer);
          resolve(g);
        },
      };
      const leave = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        signal?.removeEventListener('abort', onAbort);
        clearTimeout(timer);
      };
      const onAbort = () => {
        leave();
        reject(new CancelledError());
      };
      const timer = setTimeout(() => {
        leave();
        reject(new PoolWaitTimeoutError(now() - start, this.max));
      }, this.waitTimeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
    const waited = { start, end: now() };
    if (this.closed) throw new CancelledError();
    if ('conn' in grant) return { conn: grant.conn, waiting: waited, connecting: null };
    const conn2 = await this.openCounted();
    return { conn: conn2, waiting: waited, connecting: { start: waited.end, end: now() } };
  }

  /** Gives a connection back; a dead one (or one asked to be discarded) frees its slot. */
  release(conn: C, discard = false): void {
    if (!this.busy.delete(conn)) return;
    if (discard || !conn.alive || this.closed) {
      this.count -= 1;
      void conn.close();
      this.grantNext({ slot: true });
      return;
    }
    const next = this.waiters.shift();
    if (next) {
      // Handed straight to a waiter: still busy, or its release would be ignored and the slot lost.
      this.busy.add(conn);
      next.grant({ conn });
    } else {
      this.idle.push(conn);
    }
  }

  /** Opens connections until `n` exist (or the pool is full), outside any measured time. */
  async warm(n: number): Promise<void> {
    const opening: Promise<C>[] = [];
    while (this.count < Math.min(n, this.max)) {
      this.count += 1;
      opening.push(this.openCounted());
    }
    const conns = await Promise.all(opening);
    for (const c of conns) this.release(c);
  }

  /** Closes idle connections so that the next requests open new ones (cold connections). */
  discardIdle(): Promise<void> {
    const idle = this.idle;
    this.idle = [];
    this.count -= idle.length;
    return Promise.all(idle.map((c) => c.close())).then(() => undefined);
  }

  /**
   * Runs Gatherscope's own statement on every idle connection at once (e.g. the session reset
   * between trials); a connection it fails on is closed rather than handed out again.
   */
  async eachIdle(fn: (conn: C) => Promise<void>): Promise<void> {
    await Promise.all(this.idle.filter((c) => c.alive).map((c) => fn(c).catch(() => c.close())));
  }

  /** Backend pids of connections running something now. */
  busyPids(): number[] {
    return [...this.busy].map((c) => c.pid);
  }

  /** Backend pids of every open connection. */
  pids(): number[] {
    return [...this.busy, ...this.idle].map((c) => c.pid);
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.busy, ...this.idle];
    this.busy.clear();
    this.idle = [];
    for (const w of this.waiters.splice(0)) w.grant({ slot: true });
    await Promise.all(all.map((c) => c.close()));
  }

  private takeIdle(): C | undefined {
    for (let c = this.idle.pop(); c; c = this.idle.pop()) {
      if (c.alive) {
        this.busy.add(c);
        return c;
      }
      this.count -= 1;
    }
    return undefined;
  }

  /** Opens a connection whose slot is already counted; on failure the slot goes to the next waiter. */
  private async openCounted(): Promise<C> {
    let conn: C;
    try {
      conn = await this.open();
    } catch (err) {
      this.count -= 1;
      this.grantNext({ slot: true });
      throw err;
    }
    if (this.closed) {
      void conn.close();
      throw new CancelledError();
    }
    this.busy.add(conn);
    conn.onDeath(() => {
      if (this.idle.includes(conn)) {
        this.idle = this.idle.filter((c) => c !== conn);
        this.count -= 1;
        this.grantNext({ slot: true });
      }
    });
    return conn;
  }

  private grantNext(g: Grant<C>): void {
    const next = this.waiters.shift();
    if (!next) return;
    if ('slot' in g) this.count += 1;
    next.grant(g);
  }
}
