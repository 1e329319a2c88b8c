/**
 * One client connection's protocol state: turns the frames of both directions into statements.
 *
 * Every frontend message that the server answers pushes an expectation; the server answers in
 * order, so each backend message belongs to the oldest open expectation. That holds for pipelined
 * clients too (node-postgres `pipeline`, psycopg pipeline mode, pgbench), whose Parse/Bind/Execute
 * of many statements are on the wire before the first answer.
 */
import type { Frame, StartupFrame } from './frames';
import { onBackend } from './session-backend';
import { onFrontend } from './session-frontend';
import { SessionState } from './session-state';

export type { SessionInfo } from './session-state';

export class Session extends SessionState {
  startup(f: StartupFrame): void {
    if (f.kind !== 'startup') return;
    this.info.user = f.params.user ?? '';
    this.info.database = f.params.database ?? this.info.user;
    this.info.applicationName = f.params.application_name ?? '';
  }

  frontend(f: Frame): void {
    onFrontend(this, f);
  }

  backend(f: Frame): void {
    onBackend(this, f);
  }

  /** The connection ended: what was still running is cut, with the reason. */
  close(at: number, reason: string | null): void {
    for (const e of this.settled) this.publish(e, null);
    this.settled = [];
    for (const x of this.expected) {
      const execs = x.kind === 'query' ? x.execs.slice(x.index) : x.kind === 'execute' ? [x.exec] : [];
      for (const e of execs) {
        if (e.outcome) continue;
        e.error = { sqlstate: '', message: `cut: ${reason ?? 'the connection closed before it completed'}` };
        e.finish(at, 'cut');
        this.publish(e, null);
      }
    }
    this.expected.length = 0;
  }

  /** When the oldest statement still running started (ms from the capture's start), or null. */
  runningSince(): number | null {
    let oldest: number | null = null;
    for (const x of this.expected) {
      const e = x.kind === 'query' ? x.execs[x.index] : x.kind === 'execute' ? x.exec : undefined;
      if (e && !e.outcome && (oldest === null || e.startAt < oldest)) oldest = e.startAt;
    }
    return oldest === null ? null : this.rel(oldest);
  }

  /** Statements still waiting for an answer: a connection closing now cuts them. */
  get inFlight(): number {
    return this.expected.filter((x) => x.kind === 'execute' || x.kind === 'query').length;
  }
}
