import type { Duplex } from 'node:stream';
import type { SessionWatch } from '../guard/read-only-session';
import { newTiming, type QueryTiming } from '../profiler/instrumented-query';
import type { WireMeter } from '../profiler/wire-meter';
import {
  BackendReader,
  cstrings,
  encodeBind,
  encodeCopyFail,
  errorFields,
  rowDescriptionNames,
  rowValues,
} from './load-wire';
import type { BookEntry, StatementBook } from './statement-book';

/** A first-row value longer than this is not kept for `ref` parameters (it reads as NULL), as in the profiler. */
const MAX_KEPT_VALUE_CHARS = 64 * 1024;

const ERROR = 0x45; // 'E'
const READY = 0x5a; // 'Z'
const PARSE_COMPLETE = 0x31; // '1'
const ROW_DESCRIPTION = 0x54; // 'T'
const COMMAND_COMPLETE = 0x43; // 'C'
const PORTAL_SUSPENDED = 0x73; // 's'
const EMPTY_QUERY = 0x49; // 'I'
const PARAMETER_STATUS = 0x53; // 'S'
const COPY_IN = 0x47; // 'G'
const COPY_DATA = 0x64; // 'd'

/** One statement of the load path on its way. */
export interface LoadStatement {
  book: StatementBook;
  entry: BookEntry;
  values: readonly (string | null)[];
  /** Named (prepared once per connection) or the unnamed statement parsed each time. */
  prepared: boolean;
  /** Its first row's values are read (a `ref` parameter of another query points at it). */
  keepRow: boolean;
  maxRows: number;
  maxBytes: number;
  /** Past maxBytes: on a metered socket the socket is already gone, its backend to be ended by pid. */
  onOversize: () => void;
  /** Handed to the socket: its client-side clock starts. */
  onSent: () => void;
  done: (t: QueryTiming) => void;
}

interface InFlight {
  s: LoadStatement;
  timing: QueryTiming;
  /** A Parse of the named statement went with it, and whether the server completed it. */
  parseSent: boolean;
  parseDone: boolean;
  describing: boolean;
  ended: boolean;
  meterToken: object | undefined;
  meterTripped: boolean;
}

const connectionLost = () => new Error('Connection terminated unexpectedly');

/**
 * The load path's statements on one node-postgres connection, read and written by this class
 * while it has any (load-client.ts routes the socket's bytes here meanwhile): one statement on the
 * wire at a time, the next sent only once the session watch has seen the previous one's
 * ReadyForQuery, as node-postgres's queue does, so a statement that loosened its session is cut
 * off before another follows. Rows are counted by their headers; only a first row someone reads is
 * decoded.
 */
export class LoadConnection {
  private stream: Duplex | null = null;
  private readonly reader = new BackendReader({
    wantRow: () => this.current?.s.keepRow === true && this.current.timing.rows === 0,
    dataRow: (length, buf, start) => this.dataRow(length, buf, start),
    message: (type, buf, start, end) => this.message(type, buf, start, end),
  });
  private current: InFlight | null = null;
  private readonly queue: LoadStatement[] = [];
  /** Names this connection has prepared ('failed': its Parse may have failed, Close it first). */
  private readonly preparedHere = new Map<string, 'ready' | 'failed'>();
  private closed = false;
  watch: SessionWatch | null = null;
  meter: WireMeter | undefined;
  /** Told when a statement ran DISCARD ALL or DEALLOCATE ALL: node-postgres's side forgets its names too. */
  onDeallocated: () => void = () => {};

  /** Statements in flight or queued, or a message half read: the socket's bytes are this class's. */
  get busy(): boolean {
    return this.current !== null || this.reader.midMessage;
  }

  /** The statement on the wire now, if any. */
  get statement(): LoadStatement | null {
    return this.current?.s ?? null;
  }

  /** When it started the statement on the wire now (0 when none): the pool's deadline sweep reads it. */
  get sentAt(): number {
    return this.current?.timing.sentAt ?? 0;
  }

  attach(stream: Duplex): void {
    this.stream = stream;
    stream.on('close', () => this.lost());
  }

  feed(chunk: Buffer): void {
    this.reader.feed(chunk);
  }

  /** DISCARD ALL and DEALLOCATE ALL seen by node-postgres's reader: prepared names are gone. */
  forgetPrepared(): void {
    this.preparedHere.clear();
  }

  run(s: LoadStatement): void {
    if (this.current) this.queue.push(s);
    else this.send(s);
  }

  private send(s: LoadStatement): void {
    const timing = newTiming();
    const f: InFlight = {
      s,
      timing,
      parseSent: false,
      parseDone: false,
      describing: false,
      ended: false,
      meterToken: undefined,
      meterTripped: false,
    };
    this.current = f;
    const stream = this.stream;
    if (this.closed || !stream || stream.destroyed) {
      timing.error = connectionLost();
      this.finish();
      return;
    }
    const e = s.entry;
    const wantFields = s.keepRow && e.fields === null;
    let buf: Buffer;
    if (s.prepared && e.name !== '') {
      const state = this.preparedHere.get(e.name);
      let before: Buffer | null = null;
      if (state !== 'ready') {
        before = state === 'failed' ? e.prepareAgain : e.prepare;
        this.preparedHere.set(e.name, 'ready');
        f.parseSent = true;
      }
      if (wantFields) {
        before = before ? Buffer.concat([before, e.describeStatement]) : e.describeStatement;
        f.describing = true;
      }
      buf = encodeBind(before, e.namedShape, s.values, s.book.executeSync);
    } else {
      f.describing = wantFields;
      buf = encodeBind(
        e.parseUnnamed,
        e.unnamedShape,
        s.values,
        wantFields ? s.book.describeExecuteSync : s.book.executeSync,
      );
    }
    f.meterToken = this.meter?.arm(s.maxBytes, ({ announced }) => {
      f.meterTripped = true;
      timing.bytes = announced;
      timing.exceeded ??= 'bytes';
      s.onOversize();
    });
    timing.sentAt = performance.now();
    stream.write(buf);
    s.onSent();
  }

  private dataRow(length: number, body: Buffer | null, start: number): void {
    const f = this.current;
    if (!f || f.ended) return;
    const t = f.timing;
    t.rows += 1;
    // Rows of the chunk in which the meter refused a later row still arrive: it counted them.
    if (!f.meterTripped) t.bytes += length;
    // No first-row time: a load test measures requests, and a clock read per statement costs.
    if (t.rows === 1 && body) t.firstRow = this.firstRow(f.s.entry.fields ?? [], body, start);
    if (t.bytes > f.s.maxBytes && t.exceeded === null) {
      t.exceeded = 'bytes';
      f.s.onOversize();
    }
  }

  private firstRow(names: string[], body: Buffer, start: number): Record<string, string | null> {
    const values = rowValues(body, start);
    const row: Record<string, string | null> = {};
    names.forEach((name, i) => {
      const v = values[i] ?? null;
      row[name] = v !== null && v.length > MAX_KEPT_VALUE_CHARS ? null : v;
    });
    return row;
  }

  private message(type: number, body: Buffer, start: number, end: number): boolean {
    if (type === PARAMETER_STATUS) {
      const [parameterName, parameterValue] = cstrings(body, start, end);
      this.watch?.parameterStatus({ parameterName, parameterValue });
      return !this.stream?.destroyed;
    }
    const f = this.current;
    if (type === READY) {
      // The watch first: a statement that left a transaction open has its socket destroyed now,
      // before the next statement could be written.
      this.watch?.readyForQuery({ status: String.fromCharCode(body[start] ?? 0x49) });
      if (f) this.finish();
      return !this.stream?.destroyed;
    }
    if (!f) return true;
    const t = f.timing;
    switch (type) {
      case PARSE_COMPLETE:
        f.parseDone = true;
        break;
      case ROW_DESCRIPTION:
        if (f.describing) f.s.entry.fields = rowDescriptionNames(body, start);
        break;
      case COMMAND_COMPLETE:
        // Only a tag starting with D can be DISCARD ALL or DEALLOCATE ALL: no string per statement.
        if (body[start] === 0x44) {
          const tag = cstrings(body, start, end)[0];
          if (tag === 'DISCARD ALL' || tag === 'DEALLOCATE ALL') {
            this.preparedHere.clear();
            this.onDeallocated();
          }
        }
        this.statementDone(f);
        break;
      case PORTAL_SUSPENDED:
        // Execute's row limit was reached: there were more rows than the cap.
        if (t.rows > f.s.maxRows) t.exceeded ??= 'rows';
        this.statementDone(f);
        break;
      case EMPTY_QUERY:
        this.statementDone(f);
        break;
      case ERROR: {
        const fields = errorFields(body, start, end);
        t.error = Object.assign(new Error(fields.get('M') ?? 'error'), {
          code: fields.get('C'),
          severity: fields.get('V') ?? fields.get('S'),
          detail: fields.get('D'),
          hint: fields.get('H'),
        });
        // Its Parse failed, or never ran: prepared again (after a Close) next time.
        if (f.parseSent && !f.parseDone) this.preparedHere.set(f.s.entry.name, 'failed');
        this.statementDone(f);
        break;
      }
      case COPY_IN:
        this.stream?.write(encodeCopyFail('COPY FROM STDIN is not supported by Gatherscope'));
        break;
      case COPY_DATA:
        t.bytes += end - start;
        break;
    }
    return true;
  }

  private statementDone(f: InFlight): void {
    if (f.ended) return;
    f.ended = true;
    f.timing.doneAt = performance.now();
  }

  /** Its ReadyForQuery arrived (or the connection is gone): the statement's result is final. */
  private finish(): void {
    const f = this.current;
    if (!f) return;
    this.current = null;
    if (f.meterToken) this.meter?.disarm(f.meterToken);
    if (f.timing.doneAt === 0) f.timing.doneAt = performance.now();
    f.s.done(f.timing);
    const next = this.queue.shift();
    if (next) this.send(next);
  }

  /** The socket closed: whatever is in flight or queued fails, as node-postgres fails its queue. */
  private lost(): void {
    this.closed = true;
    this.reader.stop();
    const f = this.current;
    if (f && !f.timing.error) f.timing.error = connectionLost();
    // finish() sends the next queued statement, which fails at once on a closed connection.
    this.finish();
  }
}
