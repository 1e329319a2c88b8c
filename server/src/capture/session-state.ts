/**
 * What one connection's protocol session holds: the expected answers in order, prepared statements
 * and portals, the statement being formed, and the finished statements awaiting ReadyForQuery.
 * The frontend and backend halves (session-frontend.ts, session-backend.ts) work on it.
 */
import type { CapturedStatement } from '@gatherscope/shared';
import { Execution, type SessionStatement } from './execution';
import type { Column } from './messages';

export type Expectation =
  | { kind: 'parse' | 'bind' | 'describe-portal' | 'execute'; exec: Execution }
  | { kind: 'describe-statement'; name: string; exec: Execution | null }
  | { kind: 'close' | 'sync' | 'function' }
  | { kind: 'query'; execs: Execution[]; index: number };

export interface Prepared {
  sql: string;
  paramTypes: number[];
  columns: Column[] | null;
}

export interface SessionInfo {
  connection: number;
  backendPid: number | null;
  backendKey: Buffer | null;
  user: string;
  database: string;
  applicationName: string;
}

export class SessionState {
  readonly info: SessionInfo;
  readonly expected: Expectation[] = [];
  readonly prepared = new Map<string, Prepared>();
  readonly portals = new Map<string, Execution>();
  /** The statement being built by Parse/Bind/Describe, until its Execute. */
  forming: Execution | null = null;
  /** After an error in the extended protocol the server skips everything until Sync. */
  skippingUntilSync = false;
  /** Finished statements waiting for the next ReadyForQuery, which tells their transaction status. */
  settled: Execution[] = [];

  constructor(
    connection: number,
    readonly emit: (s: SessionStatement) => void,
    /** Converts a monotonic time to ms from the capture's start. */
    readonly rel: (t: number) => number,
  ) {
    this.info = {
      connection,
      backendPid: null,
      backendKey: null,
      user: '',
      database: '',
      applicationName: '',
    };
  }

  form(at: number): Execution {
    this.forming ??= new Execution('extended', at);
    return this.forming;
  }

  skip(e: Execution, at: number): void {
    e.finish(at, 'skipped');
    e.error = {
      sqlstate: '',
      message: 'skipped: an earlier statement in the same pipeline failed before Sync',
    };
    this.settled.push(e);
  }

  skipSimple(e: Execution, at: number): void {
    e.finish(at, 'skipped');
    e.error = { sqlstate: '', message: 'skipped: an earlier statement in the same Query failed' };
    this.settled.push(e);
  }

  current(): Execution | null {
    const head = this.expected[0];
    if (!head) return null;
    if (head.kind === 'query') return head.execs[head.index] ?? null;
    return 'exec' in head ? head.exec : null;
  }

  publish(e: Execution, tx: CapturedStatement['txStatus']): void {
    const i = this.info;
    this.emit({
      resultHashes: e.resultHashes,
      statement: {
        id: '',
        sql: e.sql ?? '(unknown SQL)',
        params: e.params,
        paramTypes: e.paramTypes,
        protocol: e.protocol,
        statementName: e.statementName,
        startMs: this.rel(e.startAt),
        endMs: this.rel(e.endAt ?? e.startAt),
        firstRowMs: e.firstRowAt === null ? null : this.rel(e.firstRowAt) - this.rel(e.startAt),
        connection: i.connection,
        backendPid: i.backendPid,
        user: i.user,
        database: i.database,
        applicationName: i.applicationName,
        rows: e.rows,
        bytes: e.bytes,
        commandTag: e.tag,
        outcome: e.outcome ?? 'cut',
        error: e.error,
        txStatus: tx,
        tags: {},
        fingerprint: null,
        tablesRead: [],
        tablesWritten: [],
        valueRefs: [],
      },
    });
  }
}
