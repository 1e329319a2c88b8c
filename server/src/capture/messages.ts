/** Decoders for the message bodies the recorder reads; every other message is only counted. */

/** Reads null-terminated strings and integers from one message body, bounds-checked. */
export class BodyReader {
  private off = 0;
  constructor(private readonly b: Buffer) {}
  cstring(): string {
    const end = this.b.indexOf(0, this.off);
    if (end < 0) throw new RangeError('unterminated string');
    const s = this.b.toString('utf8', this.off, end);
    this.off = end + 1;
    return s;
  }
  int16(): number {
    const v = this.b.readInt16BE(this.off);
    this.off += 2;
    return v;
  }
  int32(): number {
    const v = this.b.readInt32BE(this.off);
    this.off += 4;
    return v;
  }
  uint32(): number {
    const v = this.b.readUInt32BE(this.off);
    this.off += 4;
    return v;
  }
  bytes(n: number): Buffer {
    if (this.off + n > this.b.length) throw new RangeError('value past the end of the message');
    const v = this.b.subarray(this.off, this.off + n);
    this.off += n;
    return v;
  }
  byte(): string {
    return String.fromCharCode(this.bytes(1)[0]!);
  }
  rest(): Buffer {
    return this.b.subarray(this.off);
  }
}

export interface ParseMsg {
  name: string;
  sql: string;
  paramTypes: number[];
}
export function decodeParse(b: Buffer): ParseMsg {
  const r = new BodyReader(b);
  const name = r.cstring();
  const sql = r.cstring();
  const n = r.int16();
  const paramTypes: number[] = [];
  for (let i = 0; i < n; i++) paramTypes.push(r.uint32());
  return { name, sql, paramTypes };
}

export interface BindMsg {
  portal: string;
  statement: string;
  /** Raw parameter values (null = SQL NULL) with their format: 0 text, 1 binary. */
  values: { value: Buffer | null; format: number }[];
  resultFormats: number[];
}
export function decodeBind(b: Buffer): BindMsg {
  const r = new BodyReader(b);
  const portal = r.cstring();
  const statement = r.cstring();
  const nFormats = r.int16();
  const formats: number[] = [];
  for (let i = 0; i < nFormats; i++) formats.push(r.int16());
  const n = r.int16();
  const values: BindMsg['values'] = [];
  for (let i = 0; i < n; i++) {
    const len = r.int32();
    const format = nFormats === 0 ? 0 : nFormats === 1 ? formats[0]! : (formats[i] ?? 0);
    values.push({ value: len < 0 ? null : r.bytes(len), format });
  }
  const nResult = r.int16();
  const resultFormats: number[] = [];
  for (let i = 0; i < nResult; i++) resultFormats.push(r.int16());
  return { portal, statement, values, resultFormats };
}

/** Describe and Close: 'S' (statement) or 'P' (portal) and a name. */
export function decodeTarget(b: Buffer): { what: 'S' | 'P'; name: string } {
  const r = new BodyReader(b);
  const what = r.byte() === 'S' ? 'S' : 'P';
  return { what, name: r.cstring() };
}

export function decodeExecute(b: Buffer): { portal: string; maxRows: number } {
  const r = new BodyReader(b);
  return { portal: r.cstring(), maxRows: r.int32() };
}

export interface Column {
  name: string;
  typeOid: number;
  format: number;
}
export function decodeRowDescription(b: Buffer): Column[] {
  const r = new BodyReader(b);
  const n = r.int16();
  const cols: Column[] = [];
  for (let i = 0; i < n; i++) {
    const name = r.cstring();
    r.int32(); // table oid
    r.int16(); // column number
    const typeOid = r.uint32();
    r.int16(); // type size
    r.int32(); // type modifier
    cols.push({ name, typeOid, format: r.int16() });
  }
  return cols;
}

/** DataRow fields, at most `max` of them (the rest are not needed for hashing). */
export function decodeDataRow(b: Buffer, max: number): (Buffer | null)[] {
  const r = new BodyReader(b);
  const n = Math.min(r.int16(), max);
  const out: (Buffer | null)[] = [];
  for (let i = 0; i < n; i++) {
    const len = r.int32();
    out.push(len < 0 ? null : r.bytes(len));
  }
  return out;
}

export function decodeParameterDescription(b: Buffer): number[] {
  const r = new BodyReader(b);
  const n = r.int16();
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(r.uint32());
  return out;
}

/** ErrorResponse / NoticeResponse fields by their one-letter code (S severity, C SQLSTATE, M message). */
export function decodeErrorFields(b: Buffer): Record<string, string> {
  const r = new BodyReader(b);
  const out: Record<string, string> = {};
  for (;;) {
    const code = r.byte();
    if (code === '\0') break;
    out[code] = r.cstring();
  }
  return out;
}

/** BackendKeyData: the pid and the secret key (4 bytes in 3.0, up to 256 in 3.2). */
export function decodeBackendKey(b: Buffer): { pid: number; key: Buffer } {
  return { pid: b.readInt32BE(0), key: Buffer.from(b.subarray(4)) };
}

export function decodeParameterStatus(b: Buffer): { name: string; value: string } {
  const r = new BodyReader(b);
  return { name: r.cstring(), value: r.cstring() };
}

/** CommandComplete's tag, e.g. "SELECT 5", "INSERT 0 1". */
export const decodeCommandTag = (b: Buffer): string => new BodyReader(b).cstring();

/** The row count a command tag states, when it states one. */
export function tagRows(tag: string): number | null {
  const m = /^(?:SELECT|INSERT \d+|UPDATE|DELETE|MERGE|COPY|FETCH|MOVE) (\d+)$/.exec(tag);
  return m ? Number(m[1]) : null;
}

export const txStatusOf = (b: Buffer): 'idle' | 'transaction' | 'failed' => {
  const s = String.fromCharCode(b[0] ?? 73);
  return s === 'T' ? 'transaction' : s === 'E' ? 'failed' : 'idle';
};
