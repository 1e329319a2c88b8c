// The few frontend and backend messages of PostgreSQL's extended query protocol that a load test's
// statements need (protocol-message-formats in PostgreSQL's documentation), written for the load
// path alone: node-postgres builds a message object per backend message and a string per value,
// which made its JavaScript, not the database, the bound of the load generator (docs/benchmarks.md).
// Connection start-up, authentication and TLS stay node-postgres's (load-client.ts).

const DATA_ROW = 0x44; // 'D'
const HEADER = 5; // type byte + Int32 length (which counts itself)

const cstringBytes = (s: string) => Buffer.byteLength(s, 'utf8') + 1;

function message(type: string, bodyBytes: number, fill: (b: Buffer, at: number) => number): Buffer {
  const b = Buffer.allocUnsafe(1 + 4 + bodyBytes);
  b[0] = type.charCodeAt(0);
  b.writeInt32BE(4 + bodyBytes, 1);
  const end = fill(b, 5);
  if (end !== b.length) throw new Error(`message ${type}: wrote ${end} of ${b.length} bytes`);
  return b;
}

function writeCString(b: Buffer, s: string, at: number): number {
  const n = b.write(s, at, 'utf8');
  b[at + n] = 0;
  return at + n + 1;
}

/** Parse: a statement text under `name` ('' the unnamed statement), parameter types left to the server. */
export function encodeParse(name: string, text: string): Buffer {
  return message('P', cstringBytes(name) + cstringBytes(text) + 2, (b, at) => {
    let o = writeCString(b, name, at);
    o = writeCString(b, text, o);
    return b.writeInt16BE(0, o);
  });
}

/** Describe of a statement ('S') or a portal ('P'). */
export function encodeDescribe(kind: 'S' | 'P', name: string): Buffer {
  return message('D', 1 + cstringBytes(name), (b, at) => {
    b[at] = kind.charCodeAt(0);
    return writeCString(b, name, at + 1);
  });
}

/** Close of a prepared statement: closing a name that does not exist is no error. */
export function encodeCloseStatement(name: string): Buffer {
  return message('C', 1 + cstringBytes(name), (b, at) => {
    b[at] = 0x53; // 'S'
    return writeCString(b, name, at + 1);
  });
}

/** Execute of the unnamed portal, at most `maxRows` rows (then PortalSuspended), and a Sync. */
export function encodeExecuteSync(maxRows: number): Buffer {
  const execute = message('E', 1 + 4, (b, at) => {
    b[at] = 0;
    return b.writeInt32BE(maxRows, at + 1);
  });
  return Buffer.concat([execute, encodeSync()]);
}

export const encodeSync = (): Buffer => message('S', 0, (_b, at) => at);

export const encodeCopyFail = (reason: string): Buffer =>
  message('f', cstringBytes(reason), (b, at) => writeCString(b, reason, at));

/**
 * The fixed parts of a Bind of `statement` into the unnamed portal with `params` text parameters
 * and text results: everything but the values and the message's length, encoded once per statement.
 */
export interface BindShape {
  head: Buffer;
  params: number;
}

export function bindShape(statement: string, params: number): BindShape {
  // 'B', Int32 length, portal '' (one 0 byte), statement name, Int16 0 (every parameter in text),
  // Int16 number of values.
  const head = Buffer.allocUnsafe(1 + 4 + 1 + cstringBytes(statement) + 2 + 2);
  head[0] = 0x42; // 'B'
  head[5] = 0;
  let o = writeCString(head, statement, 6);
  o = head.writeInt16BE(0, o);
  head.writeInt16BE(params, o);
  return { head, params };
}

/**
 * One buffer to write: `before` (Parse, Describe … when the statement needs them), the Bind of
 * `values` (null is SQL NULL), then `after` (Execute and Sync, and a Describe when wanted).
 * One write means one system call per statement.
 */
export function encodeBind(
  before: Buffer | null,
  shape: BindShape,
  values: readonly (string | null)[],
  after: Buffer,
): Buffer {
  if (values.length !== shape.params) {
    throw new Error(`Bind: ${values.length} values for a statement of ${shape.params} parameters`);
  }
  const pre = before?.length ?? 0;
  let size = pre + shape.head.length + 2 + after.length;
  for (const v of values) size += v === null ? 4 : 4 + Buffer.byteLength(v, 'utf8');
  const out = Buffer.allocUnsafe(size);
  if (before) before.copy(out, 0);
  const bindAt = pre;
  shape.head.copy(out, bindAt);
  let o = bindAt + shape.head.length;
  for (const v of values) {
    if (v === null) {
      o = out.writeInt32BE(-1, o);
    } else {
      const n = out.write(v, o + 4, 'utf8');
      out.writeInt32BE(n, o);
      o += 4 + n;
    }
  }
  o = out.writeInt16BE(0, o); // every result column in text
  out.writeInt32BE(o - bindAt - 1, bindAt + 1);
  after.copy(out, o);
  return out;
}

/**
 * What the reader hands on: every message but the rows nobody reads. A body is `buf` from `start`
 * to `end`, valid only during the call (no view is made of it: a few per statement add up).
 */
export interface BackendSink {
  /** Whether the next DataRow's values are wanted (else only its length is reported). */
  wantRow(): boolean;
  /** A DataRow; `length` as its header announced it (counting the 4 bytes of the length itself). */
  dataRow(length: number, buf: Buffer | null, start: number, end: number): void;
  /** Any other message, its body whole. Returns false to stop reading (the connection was cut). */
  message(type: number, buf: Buffer, start: number, end: number): boolean;
}

/**
 * Splits the backend's byte stream into messages. Rows whose values nobody reads are counted by
 * their header and skipped, never copied; other messages are handed on whole (a view of the chunk
 * when it holds them, a copy when they span chunks).
 */
export class BackendReader {
  private readonly header = Buffer.alloc(HEADER);
  private headerFill = 0;
  /** Body bytes of a skipped DataRow still to pass by. */
  private skip = 0;
  private body: Buffer | null = null;
  private bodyFill = 0;
  private type = 0;
  private stopped = false;

  constructor(private readonly sink: BackendSink) {}

  /** A message is half read: the next bytes belong to it. */
  get midMessage(): boolean {
    return this.skip > 0 || this.body !== null || this.headerFill > 0;
  }

  /** Stops reading for good (the connection is gone): later bytes are ignored. */
  stop(): void {
    this.stopped = true;
  }

  feed(chunk: Buffer): void {
    const n = chunk.length;
    let at = 0;
    while (at < n && !this.stopped) {
      if (this.skip > 0) {
        const k = Math.min(this.skip, n - at);
        this.skip -= k;
        at += k;
        continue;
      }
      if (this.body) {
        const k = Math.min(this.body.length - this.bodyFill, n - at);
        chunk.copy(this.body, this.bodyFill, at, at + k);
        this.bodyFill += k;
        at += k;
        if (this.bodyFill < this.body.length) break;
        const body = this.body;
        this.body = null;
        this.deliver(this.type, body.length + 4, body, 0, body.length);
        continue;
      }
      let type: number;
      let length: number;
      if (this.headerFill === 0 && n - at >= HEADER) {
        type = chunk[at]!;
        length = chunk.readUInt32BE(at + 1);
        at += HEADER;
      } else {
        const k = Math.min(HEADER - this.headerFill, n - at);
        chunk.copy(this.header, this.headerFill, at, at + k);
        this.headerFill += k;
        at += k;
        if (this.headerFill < HEADER) break;
        this.headerFill = 0;
        type = this.header[0]!;
        length = this.header.readUInt32BE(1);
      }
      const bodyBytes = Math.max(0, length - 4);
      if (type === DATA_ROW && !this.sink.wantRow()) {
        this.sink.dataRow(length, null, 0, 0);
        this.skip = bodyBytes;
      } else if (n - at >= bodyBytes) {
        const start = at;
        at += bodyBytes;
        this.deliver(type, length, chunk, start, at);
      } else {
        this.type = type;
        this.body = Buffer.allocUnsafe(bodyBytes);
        this.bodyFill = 0;
      }
    }
  }

  private deliver(type: number, length: number, buf: Buffer, start: number, end: number): void {
    if (type === DATA_ROW) this.sink.dataRow(length, buf, start, end);
    else if (!this.sink.message(type, buf, start, end)) this.stopped = true;
  }
}

/** The values of a DataRow as text (null for SQL NULL). */
export function rowValues(body: Buffer, start = 0): (string | null)[] {
  const count = body.readInt16BE(start);
  const out: (string | null)[] = new Array(count);
  let o = start + 2;
  for (let i = 0; i < count; i++) {
    const len = body.readInt32BE(o);
    o += 4;
    if (len < 0) out[i] = null;
    else {
      out[i] = body.toString('utf8', o, o + len);
      o += len;
    }
  }
  return out;
}

/** The column names of a RowDescription. */
export function rowDescriptionNames(body: Buffer, start = 0): string[] {
  const count = body.readInt16BE(start);
  const names: string[] = [];
  let o = start + 2;
  for (let i = 0; i < count; i++) {
    const end = body.indexOf(0, o);
    names.push(body.toString('utf8', o, end));
    // table oid (4), column number (2), type oid (4), type size (2), type modifier (4), format (2)
    o = end + 1 + 18;
  }
  return names;
}

/** The fields of an ErrorResponse, by their one-letter codes ('C' the SQLSTATE, 'M' the message …). */
export function errorFields(body: Buffer, start = 0, end = body.length): Map<string, string> {
  const fields = new Map<string, string>();
  let o = start;
  while (o < end && body[o] !== 0) {
    const code = String.fromCharCode(body[o]!);
    const end = body.indexOf(0, o + 1);
    fields.set(code, body.toString('utf8', o + 1, end));
    o = end + 1;
  }
  return fields;
}

/** The two strings of a ParameterStatus, or a CommandComplete's tag (then `value` is ''). */
export function cstrings(body: Buffer, start = 0, stop = body.length): [string, string] {
  const first = body.indexOf(0, start);
  const end = first < 0 || first >= stop ? -1 : first;
  const name = body.toString('utf8', start, end < 0 ? stop : end);
  const second = end < 0 ? -1 : body.indexOf(0, end + 1);
  const end2 = second < 0 || second >= stop ? -1 : second;
  const value = end < 0 ? '' : body.toString('utf8', end + 1, end2 < 0 ? stop : end2);
  return [name, value];
}
