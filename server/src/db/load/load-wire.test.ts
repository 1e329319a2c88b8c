// The load path's own protocol code, tested differentially against node-postgres's (pg-protocol):
// the same frontend bytes, and the same backend messages read from the same bytes, however the
// bytes are split into chunks.
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser';
import { describe, expect, it } from 'vitest';
import { cstr, i16, i32, msg } from '../../capture/test-wire';
import {
  BackendReader,
  bindShape,
  cstrings,
  encodeBind,
  encodeCloseStatement,
  encodeCopyFail,
  encodeDescribe,
  encodeExecuteSync,
  encodeParse,
  errorFields,
  rowDescriptionNames,
  rowValues,
} from './load-wire';

/** A Bind message's meaning: format lists with every code spelt out (none or one code: all alike). */
function readBind(b: Buffer) {
  expect(b[0]).toBe(0x42);
  expect(b.readInt32BE(1)).toBe(b.length - 1);
  let o = 5;
  const cstring = () => {
    const end = b.indexOf(0, o);
    const s = b.toString('utf8', o, end);
    o = end + 1;
    return s;
  };
  const codes = () => {
    const n = b.readInt16BE(o);
    o += 2;
    const out: number[] = [];
    for (let i = 0; i < n; i++, o += 2) out.push(b.readInt16BE(o));
    return out;
  };
  const portal = cstring();
  const statement = cstring();
  const paramCodes = codes();
  const count = b.readInt16BE(o);
  o += 2;
  const values: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const len = b.readInt32BE(o);
    o += 4;
    values.push(len < 0 ? null : b.toString('utf8', o, o + len));
    if (len > 0) o += len;
  }
  const resultCodes = codes();
  expect(o).toBe(b.length);
  const spelt = (c: number[], n: number) => (c.length === n ? c : Array(n).fill(c[0] ?? 0));
  return { portal, statement, params: spelt(paramCodes, count), values, results: resultCodes[0] ?? 0 };
}

describe('frontend messages', () => {
  it('are byte for byte those node-postgres sends', () => {
    const text = "SELECT $1::int, $2, 'é' WHERE true";
    expect(encodeParse('', text)).toEqual(serialize.parse({ text }));
    expect(encodeParse('gatherscope_load_1', text)).toEqual(
      serialize.parse({ name: 'gatherscope_load_1', text }),
    );
    expect(encodeDescribe('S', 's1')).toEqual(serialize.describe({ type: 'S', name: 's1' }));
    expect(encodeDescribe('P', '')).toEqual(serialize.describe({ type: 'P', name: '' }));
    expect(encodeCloseStatement('s1')).toEqual(serialize.close({ type: 'S', name: 's1' }));
    expect(encodeExecuteSync(10_001)).toEqual(
      Buffer.concat([serialize.execute({ portal: '', rows: 10_001 }), serialize.sync()]),
    );
    expect(encodeCopyFail('no')).toEqual(serialize.copyFail('no'));
  });

  it('binds text values, NULL and multi-byte characters as node-postgres does', () => {
    for (const [statement, values] of [
      ['', []],
      ['', ['42']],
      ['named', ['1', null, 'ünïcødé 😀', '']],
    ] as [string, (string | null)[]][]) {
      const before = encodeParse(statement, 'SELECT 1');
      const after = encodeExecuteSync(5);
      const ours = encodeBind(before, bindShape(statement, values.length), values, after);
      expect(ours.subarray(0, before.length)).toEqual(before);
      expect(ours.subarray(ours.length - after.length)).toEqual(after);
      const bind = ours.subarray(before.length, ours.length - after.length);
      // pg names each parameter's format (text) where this sends none (all text): the same Bind.
      expect(readBind(bind)).toEqual(readBind(serialize.bind({ statement, values })));
      expect(readBind(bind).values).toEqual(values);
    }
  });

  it('refuses values that do not match the statement', () => {
    expect(() => encodeBind(null, bindShape('', 2), ['1'], encodeExecuteSync(1))).toThrow(/1 values/);
  });
});

const field = (name: string) =>
  Buffer.concat([cstr(name), i32(16384), i16(1), i32(23), i16(4), i32(-1), i16(0)]);
const dataRow = (values: (string | null)[]) =>
  msg(
    'D',
    i16(values.length),
    ...values.map((v) => (v === null ? i32(-1) : Buffer.concat([i32(Buffer.byteLength(v)), Buffer.from(v)]))),
  );

/** A backend answer as the load path meets it: rows, an error, a status, a big row, a notice. */
const stream = Buffer.concat([
  msg('1'),
  msg('2'),
  msg('T', i16(3), field('id'), field('émail'), field('n')),
  dataRow(['1', 'a@b.c', null]),
  dataRow(['2', 'x'.repeat(70_000), '3']),
  msg('C', cstr('SELECT 2')),
  msg('S', cstr('default_transaction_read_only'), cstr('on')),
  msg('N', Buffer.from('SNOTICE\0Mhello\0\0')),
  msg('E', Buffer.from('SERROR\0VERROR\0C22P02\0Minvalid input syntax for type integer: "x"\0\0')),
  msg('Z', Buffer.from('I')),
]);

interface Seen {
  type: string;
  length?: number;
  values?: (string | null)[] | null;
}

function readOurs(chunks: Buffer[], want: (rowIndex: number) => boolean): Seen[] {
  const seen: Seen[] = [];
  let rows = 0;
  const reader = new BackendReader({
    wantRow: () => want(rows),
    dataRow: (length, buf, start) => {
      rows++;
      seen.push({ type: 'D', length, values: buf ? rowValues(buf, start) : null });
    },
    message: (type, buf, start, end) => {
      const t = String.fromCharCode(type);
      if (t === 'T') seen.push({ type: t, values: rowDescriptionNames(buf, start) });
      else if (t === 'E') seen.push({ type: t, values: [errorFields(buf, start, end).get('C') ?? null] });
      else if (t === 'S' || t === 'C') seen.push({ type: t, values: cstrings(buf, start, end) });
      else seen.push({ type: t });
      return true;
    },
  });
  for (const c of chunks) reader.feed(c);
  expect(reader.midMessage).toBe(false);
  return seen;
}

function readTheirs(bytes: Buffer): Seen[] {
  const seen: Seen[] = [];
  new Parser().parse(bytes, (m) => {
    const x = m as unknown as Record<string, unknown> & { name: string; length: number };
    const byName: Record<string, () => Seen> = {
      parseComplete: () => ({ type: '1' }),
      bindComplete: () => ({ type: '2' }),
      rowDescription: () => ({
        type: 'T',
        values: (x.fields as { name: string }[]).map((f) => f.name),
      }),
      dataRow: () => ({ type: 'D', length: x.length, values: x.fields as (string | null)[] }),
      commandComplete: () => ({ type: 'C', values: [x.text as string, ''] }),
      parameterStatus: () => ({
        type: 'S',
        values: [x.parameterName as string, x.parameterValue as string],
      }),
      notice: () => ({ type: 'N' }),
      error: () => ({ type: 'E', values: [x.code as string] }),
      readyForQuery: () => ({ type: 'Z' }),
    };
    seen.push(byName[x.name]!());
  });
  return seen;
}

describe('BackendReader', () => {
  const theirs = readTheirs(stream);

  it('reads what node-postgres reads, at every split of the bytes into two chunks', () => {
    for (let cut = 0; cut <= stream.length; cut += cut < 200 ? 1 : 997) {
      const ours = readOurs([stream.subarray(0, cut), stream.subarray(cut)], () => true);
      expect(ours, `cut at ${cut}`).toEqual(theirs);
    }
  });

  it('reads byte by byte', () => {
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(readOurs(bytes, () => true)).toEqual(theirs);
  });

  it('skips the rows nobody reads, counting them by their announced length', () => {
    const ours = readOurs([stream.subarray(0, 300), stream.subarray(300)], () => false);
    const rows = ours.filter((s) => s.type === 'D');
    expect(rows.map((r) => r.length)).toEqual(theirs.filter((s) => s.type === 'D').map((r) => r.length));
    expect(rows.every((r) => r.values === null)).toBe(true);
    expect(ours.filter((s) => s.type !== 'D')).toEqual(theirs.filter((s) => s.type !== 'D'));
  });

  it('stops reading when told the connection is gone', () => {
    const seen: number[] = [];
    const reader = new BackendReader({
      wantRow: () => false,
      dataRow: () => seen.push(0x44),
      message: (type) => {
        seen.push(type);
        return type !== 0x45; // nothing after the error
      },
    });
    reader.feed(stream);
    expect(String.fromCharCode(...seen)).toBe('12TDDCSNE');
  });
});
