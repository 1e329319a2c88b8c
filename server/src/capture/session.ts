/**
 * One client connection's protocol state: turns the frames of both directions into statements.
 *
 * Every frontend message that the server answers pushes an expectation; the server answers in
 * order, so each backend message belongs to the oldest open expectation. That holds for pipelined
 * clients too (node-postgres `pipeline`, psycopg pipeline mode, pgbench), whose Parse/Bind/Execute
 * of many statements are on the wire before the first answer.
 */
import type { CapturedStatement } from '@gatherscope/shared';
import { Execution, type SessionStatement } from './execution';
import type { Frame, StartupFrame } from './frames';
import {
  type Column,
  decodeBackendKey,
  decodeBind,
  decodeCommandTag,
  decodeErrorFields,
  decodeExecute,
  decodeParameterDescription,
  decodeParameterStatus,
  decodeParse,
  decodeRowDescription,
  decodeTarget,
  tagRows,
  txStatusOf,
} from './messages';
import { splitStatements } from './sql-analysis';

type Expectation =
  | { kind: 'parse' | 'bind' | 'describe-portal' | 'execute'; exec: Execution }
  | { kind: 'describe-statement'; name: string; exec: Execution | null }
  | { kind: 'close' | 'sync' | 'function' }
  | { kind: 'query'; execs: Execution[]; index: number };

interface Prepared {
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

export class Session {
  readonly info: SessionInfo;
  private readonly expected: Expectation[] = [];
  private readonly prepared = new Map<string, Prepared>();
  private readonly portals = new Map<string, Execution>();
  /** The statement being built by Parse/Bind/Describe, until its Execute. */
  private forming: Execution | null = null;
  /** After an error in the extended protocol the server skips everything until Sync. */
  private skippingUntilSync = false;
  /** Finished statements waiting for the next ReadyForQuery, which tells their transaction status. */
  private settled: Execution[] = [];

  constructor(
    connection: number,
    private readonly emit: (s: SessionStatement) => void,
    /** Converts a monotonic time to ms from the capture's start. */
    private readonly rel: (t: number) => number,
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

  startup(f: StartupFrame): void {
    if (f.kind !== 'startup') return;
    this.info.user = f.params.user ?? '';
    this.info.database = f.params.database ?? this.info.user;
    this.info.applicationName = f.params.application_name ?? '';
  }

  private form(at: number): Execution {
    this.forming ??= new Execution('extended', at);
    return this.forming;
  }

  frontend(f: Frame): void {
    const body = f.body;
    if (this.skippingUntilSync && f.type !== 'S') {
      // The server will not run it; an Execute is still a statement the app asked for.
      if (f.type === 'E' && body) {
        const portal = this.portals.get(decodeExecute(body).portal);
        const e = portal ? portal.again(f.at) : (this.forming ?? new Execution('extended', f.at));
        this.forming = null;
        this.skip(e, f.at);
      }
      return;
    }
    switch (f.type) {
      case 'Q': {
        const sql = body ? body.toString('utf8', 0, Math.max(0, body.length - 1)) : null;
        const parts = sql === null ? [null] : splitStatements(sql);
        const execs = parts.map((p) => {
          const e = new Execution('simple', f.at);
          e.sql = p ?? `(a Query of ${f.length} bytes, too long to record)`;
          return e;
        });
        this.expected.push({ kind: 'query', execs, index: 0 });
        return;
      }
      case 'P': {
        const e = this.form(f.at);
        if (body) {
          const p = decodeParse(body);
          this.prepared.set(p.name, { sql: p.sql, paramTypes: p.paramTypes, columns: null });
          e.sql = p.sql;
          e.statementName = p.name;
        }
        this.expected.push({ kind: 'parse', exec: e });
        return;
      }
      case 'B': {
        const e = this.form(f.at);
        if (body) {
          const b = decodeBind(body);
          const prep = this.prepared.get(b.statement);
          e.statementName = b.statement;
          e.sql =
            prep?.sql ??
            `(prepared statement "${b.statement}" unknown: prepared before the capture started, or by SQL PREPARE)`;
          e.portal = b.portal;
          e.bindParams(b.values, prep?.paramTypes ?? []);
          e.resultFormats = b.resultFormats;
          e.columns = prep?.columns ?? null;
          this.portals.set(b.portal, e);
        }
        this.expected.push({ kind: 'bind', exec: e });
        return;
      }
      case 'D': {
        if (!body) return;
        const d = decodeTarget(body);
        if (d.what === 'S')
          this.expected.push({ kind: 'describe-statement', name: d.name, exec: this.forming });
        else
          this.expected.push({ kind: 'describe-portal', exec: this.portals.get(d.name) ?? this.form(f.at) });
        return;
      }
      case 'E': {
        const portal = body ? decodeExecute(body).portal : '';
        let e = this.forming;
        if (!e || (e.portal !== null && e.portal !== portal)) {
          const known = this.portals.get(portal);
          e = known ? (known === e ? known : known.again(f.at)) : new Execution('extended', f.at);
          if (!known) e.sql = `(portal "${portal}" unknown: bound before the capture started)`;
        }
        this.forming = null;
        this.expected.push({ kind: 'execute', exec: e });
        return;
      }
      case 'C': {
        if (body) {
          const c = decodeTarget(body);
          (c.what === 'S' ? this.prepared : this.portals).delete(c.name);
        }
        this.expected.push({ kind: 'close' });
        return;
      }
      case 'S':
        this.skippingUntilSync = false;
        this.forming = null;
        this.expected.push({ kind: 'sync' });
        return;
      case 'F':
        this.expected.push({ kind: 'function' });
        return;
      default:
      // Flush, CopyData/Done/Fail, password messages, Terminate: nothing to answer or record.
    }
  }

  private skip(e: Execution, at: number): void {
    e.finish(at, 'skipped');
    e.error = {
      sqlstate: '',
      message: 'skipped: an earlier statement in the same pipeline failed before Sync',
    };
    this.settled.push(e);
  }

  private current(): Execution | null {
    const head = this.expected[0];
    if (!head) return null;
    if (head.kind === 'query') return head.execs[head.index] ?? null;
    return 'exec' in head ? head.exec : null;
  }

  backend(f: Frame): void {
    const body = f.body;
    const head = this.expected[0];
    const cur = this.current();
    if (cur && f.type !== 'Z') cur.bytes += f.length + 5;
    switch (f.type) {
      case 'K':
        if (body) {
          const k = decodeBackendKey(body);
          this.info.backendPid = k.pid;
          this.info.backendKey = k.key;
        }
        return;
      case 'S':
        if (body) {
          const p = decodeParameterStatus(body);
          if (p.name === 'application_name') this.info.applicationName = p.value;
        }
        return;
      case '1':
      case '2':
      case '3':
        if (head && ['parse', 'bind', 'close'].includes(head.kind)) this.expected.shift();
        return;
      case 't':
        if (head?.kind === 'describe-statement' && body) {
          const oids = decodeParameterDescription(body);
          const prep = this.prepared.get(head.name);
          if (prep) prep.paramTypes = oids;
        }
        return;
      case 'T':
      case 'n': {
        const cols = f.type === 'T' && body ? decodeRowDescription(body) : null;
        if (head?.kind === 'query') {
          if (cur) cur.columns = cols;
          return;
        }
        if (head?.kind === 'describe-statement') {
          const prep = this.prepared.get(head.name);
          if (prep) prep.columns = cols;
          if (head.exec) head.exec.columns = cols;
          this.expected.shift();
        } else if (head?.kind === 'describe-portal') {
          head.exec.columns = cols;
          this.expected.shift();
        }
        return;
      }
      case 'D':
        cur?.row(body, f.at);
        return;
      case 'C':
      case 'I':
      case 's':
        if (!cur) return;
        if (f.type === 'C' && body) {
          cur.tag = decodeCommandTag(body);
          cur.rows = tagRows(cur.tag) ?? cur.rows;
        }
        cur.finish(f.at, 'ok');
        this.settled.push(cur);
        if (head?.kind === 'query') head.index++;
        else if (head?.kind === 'execute') this.expected.shift();
        return;
      case 'E':
        this.error(f);
        return;
      case 'Z':
        this.ready(body, f.at);
        return;
      default:
      // Authentication, notices, notifications, COPY responses and data: counted above, not parsed.
    }
  }

  private error(f: Frame): void {
    const fields = f.body ? decodeErrorFields(f.body) : {};
    const error = { sqlstate: fields.C ?? '', message: fields.M ?? '(error without a message)' };
    const head = this.expected[0];
    // During startup (authentication failed) there is no statement to blame; an error at Sync or in
    // a function call is followed by the ReadyForQuery that closes it.
    if (!head || head.kind === 'sync' || head.kind === 'function') return;
    if (head.kind === 'query') {
      // A simple Query stops at its first error; the rest of its statements never run.
      const e = head.execs[head.index];
      if (e) {
        e.error = error;
        e.finish(f.at, 'error');
        this.settled.push(e);
      }
      for (const rest of head.execs.slice(head.index + 1)) this.skipSimple(rest, f.at);
      head.index = head.execs.length;
      return;
    }
    const failed = 'exec' in head ? head.exec : null;
    if (failed) {
      failed.error = error;
      failed.finish(f.at, 'error');
      this.settled.push(failed);
    }
    // The server now discards every message until Sync: the Executes among them are skipped.
    this.expected.shift();
    while (this.expected.length && this.expected[0]!.kind !== 'sync') {
      const x = this.expected.shift()!;
      if (x.kind === 'execute' && x.exec !== failed) this.skip(x.exec, f.at);
    }
    if (this.expected.length === 0) this.skippingUntilSync = true;
  }

  private skipSimple(e: Execution, at: number): void {
    e.finish(at, 'skipped');
    e.error = { sqlstate: '', message: 'skipped: an earlier statement in the same Query failed' };
    this.settled.push(e);
  }

  private ready(body: Buffer | null, at: number): void {
    const head = this.expected[0];
    if (head && ['sync', 'query', 'function'].includes(head.kind)) {
      this.expected.shift();
      if (head.kind === 'query')
        for (const e of head.execs.slice(head.index)) {
          e.finish(at, 'skipped');
          this.settled.push(e);
        }
    }
    const tx = body ? txStatusOf(body) : null;
    for (const e of this.settled) this.publish(e, tx);
    this.settled = [];
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

  private publish(e: Execution, tx: CapturedStatement['txStatus']): void {
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
