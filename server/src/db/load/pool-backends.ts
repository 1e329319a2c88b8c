import type pg from 'pg';
import { dropSocket, type QueryTiming } from '../profiler/instrumented-query';
import { type BackendKey, backendKeyOf } from '../profiler/wire-meter';

/**
 * The backends of a load pool: each open connection's identity as its backend reported it, which
 * connections run a statement now, and the pids of those whose socket the pool dropped (they may
 * still run until ended on the server). A connection the server ended is forgotten: its pid may
 * belong to someone else's backend by now, which must never be ended in its place.
 */
export class PoolBackends {
  private readonly keys = new Map<pg.Client, BackendKey>();
  /** Connections with statements in flight, and how many (a single-connection request queues several). */
  private readonly running = new Map<pg.Client, number>();
  /** Connections dropped because the test stopped: their statements count as cancelled. */
  private readonly stoppedHere = new WeakSet<pg.Client>();
  private readonly dropped = new Set<number>();

  constructor(
    /** How long a statement may go unanswered (its timeout plus a grace) before it is given up on. */
    readonly deadlineMs: number,
    /** Learns the pid of a backend whose socket was dropped while its statement may still run. */
    private readonly onAbandon: (pid: number) => void,
  ) {}

  /** A new connection: its backend's identity, until the connection ends. */
  add(client: pg.Client): void {
    this.keys.set(client, backendKeyOf(client));
    client.on('end', () => this.keys.delete(client));
  }

  /** Still open, and not dropped by a stop: fit for the next request. */
  usable(client: pg.Client): boolean {
    return this.keys.has(client) && !this.stoppedHere.has(client);
  }

  enter(client: pg.Client): void {
    this.running.set(client, (this.running.get(client) ?? 0) + 1);
  }

  leave(client: pg.Client): void {
    const n = (this.running.get(client) ?? 1) - 1;
    if (n > 0) this.running.set(client, n);
    else this.running.delete(client);
  }

  /** Connections with a statement in flight now. */
  inFlight(): IterableIterator<pg.Client> {
    return this.running.keys();
  }

  get inFlightCount(): number {
    return this.running.size;
  }

  /** The socket is dropped while a statement may still run: its backend is to be ended by pid. */
  abandon(client: pg.Client): void {
    const { pid } = backendKeyOf(client);
    this.dropped.add(pid);
    dropSocket(client);
    this.onAbandon(pid);
  }

  /** A statement cut off by Stop counts as cancelled; one past its deadline says so. */
  explained(client: pg.Client, t: QueryTiming, silent: boolean): QueryTiming {
    if (this.stoppedHere.has(client)) {
      t.error = Object.assign(new Error('stopped'), { code: 'cancelled' });
    } else if (silent && t.error) {
      t.error = Object.assign(
        new Error(`no answer within ${this.deadlineMs} ms (statement timeout plus grace)`),
        { code: 'no-answer' },
      );
    }
    return t;
  }

  /** Pids of connections with a statement in flight now. */
  runningPids(): number[] {
    return [...this.running.keys()].map((c) => this.keys.get(c)?.pid ?? 0).filter((p) => p > 0);
  }

  /** Pids of every open connection. */
  pids(): number[] {
    return [...this.keys.values()].map((k) => k.pid);
  }

  /** Backends that may still be on the server: those of open connections and those dropped. */
  suspectPids(): number[] {
    return [...new Set([...this.pids(), ...this.dropped])];
  }

  /**
   * Drops the socket of every connection still running a statement (one that ignored its cancel,
   * or that a silent network holds): the statement's request fails at once. Returns their pids,
   * to be ended on the server.
   */
  abandonRunning(): number[] {
    const pids = this.runningPids();
    for (const c of this.running.keys()) {
      this.stoppedHere.add(c);
      dropSocket(c);
    }
    for (const p of pids) this.dropped.add(p);
    return pids;
  }

  /** Drops every open socket (a stopped database never answers the goodbye). */
  dropAll(): void {
    for (const [c, k] of this.keys) {
      this.dropped.add(k.pid);
      dropSocket(c);
    }
  }
}
