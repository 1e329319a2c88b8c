/** Builds protocol messages byte by byte, for the frame reader and session tests. */

export const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8');
export const i16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
export const i32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

export function msg(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type, 'latin1'), i32(body.length + 4), body]);
}

export function startup(params: Record<string, string>, minor = 0): Buffer {
  const body = Buffer.concat([
    i32((3 << 16) | minor),
    ...Object.entries(params).flatMap(([k, v]) => [cstr(k), cstr(v)]),
    Buffer.from([0]),
  ]);
  return Buffer.concat([i32(body.length + 4), body]);
}

export const sslRequest = () => Buffer.concat([i32(8), i32(80877103)]);
export const cancelRequest = (pid: number, key: Buffer) =>
  Buffer.concat([i32(12 + key.length), i32(80877102), i32(pid), key]);

export const query = (sql: string) => msg('Q', cstr(sql));
export const parse = (name: string, sql: string, oids: number[] = []) =>
  msg('P', cstr(name), cstr(sql), i16(oids.length), ...oids.map(i32));
export function bind(
  portal: string,
  stmt: string,
  params: (string | Buffer | null)[],
  formats: number[] = [],
) {
  return msg(
    'B',
    cstr(portal),
    cstr(stmt),
    i16(formats.length),
    ...formats.map(i16),
    i16(params.length),
    ...params.flatMap((p) => (p === null ? [i32(-1)] : [i32(Buffer.byteLength(p)), Buffer.from(p)])),
    i16(0),
  );
}
export const describe = (what: 'S' | 'P', name: string) => msg('D', Buffer.from(what), cstr(name));
export const execute = (portal = '', maxRows = 0) => msg('E', cstr(portal), i32(maxRows));
export const sync = () => msg('S');
export const close = (what: 'S' | 'P', name: string) => msg('C', Buffer.from(what), cstr(name));

// Backend
export const backendKey = (pid: number, key: Buffer) => msg('K', i32(pid), key);
export const ready = (status: 'I' | 'T' | 'E' = 'I') => msg('Z', Buffer.from(status));
export const parameterDescription = (oids: number[]) => msg('t', i16(oids.length), ...oids.map(i32));
export const parseComplete = () => msg('1');
export const bindComplete = () => msg('2');
export const noData = () => msg('n');
export const rowDescription = (cols: { name: string; oid?: number }[]) =>
  msg(
    'T',
    i16(cols.length),
    ...cols.flatMap((c) => [cstr(c.name), i32(0), i16(0), i32(c.oid ?? 25), i16(-1), i32(-1), i16(0)]),
  );
export const dataRow = (values: (string | null)[]) =>
  msg(
    'D',
    i16(values.length),
    ...values.flatMap((v) => (v === null ? [i32(-1)] : [i32(Buffer.byteLength(v)), Buffer.from(v)])),
  );
export const commandComplete = (tag: string) => msg('C', cstr(tag));
export const errorResponse = (code: string, message: string) =>
  msg(
    'E',
    Buffer.from('SERROR\0'),
    Buffer.from(`C${code}\0`),
    Buffer.from(`M${message}\0`),
    Buffer.from([0]),
  );
export const copyInResponse = () => msg('G', Buffer.from([0]), i16(0));
export const copyData = (b: string) => msg('d', Buffer.from(b));
export const copyDone = () => msg('c');
