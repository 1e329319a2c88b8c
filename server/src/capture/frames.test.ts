import { describe, expect, it } from 'vitest';
import { type Frame, FrameReader, ProtocolError, type StartupFrame } from './frames';
import * as w from './test-wire';

function readAll(
  stream: Buffer,
  chunks: number[],
  side: 'frontend' | 'backend' = 'frontend',
  retain?: number,
) {
  const r = new FrameReader({ side, retainBytes: retain });
  const startups: StartupFrame[] = [];
  const frames: Frame[] = [];
  let off = 0;
  let t = 0;
  for (const n of [...chunks, stream.length]) {
    const end = Math.min(stream.length, off + n);
    if (end > off)
      r.push(
        stream.subarray(off, end),
        t++,
        (s) => startups.push(s),
        (f) => frames.push(f),
      );
    off = end;
  }
  return { startups, frames, reader: r };
}

const conversation = Buffer.concat([
  w.sslRequest(),
  w.startup({ user: 'app', database: 'shop', application_name: 'web' }),
  w.query('SELECT 1; SELECT 2'),
  w.parse('s1', 'SELECT $1::int', [23]),
  w.bind('', 's1', ['7']),
  w.describe('P', ''),
  w.execute(),
  w.sync(),
  w.msg('X'),
]);

describe('FrameReader', () => {
  it('reads the startup packets without a type byte, then typed messages', () => {
    const { startups, frames } = readAll(conversation, []);
    expect(startups.map((s) => s.kind)).toEqual(['ssl-request', 'startup']);
    expect(startups[1]).toMatchObject({ major: 3, minor: 0, params: { user: 'app', database: 'shop' } });
    expect(frames.map((f) => f.type).join('')).toBe('QPBDESX');
    expect(frames[0]!.body!.toString()).toBe('SELECT 1; SELECT 2\0');
  });

  it('gives the same frames whatever the chunk boundaries (random splits)', () => {
    const whole = readAll(conversation, []);
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let trial = 0; trial < 300; trial++) {
      const chunks = Array.from({ length: 40 }, () => 1 + Math.floor(random() * (trial % 3 === 0 ? 3 : 30)));
      const split = readAll(conversation, chunks);
      expect(split.frames.map((f) => [f.type, f.body?.toString('hex')])).toEqual(
        whole.frames.map((f) => [f.type, f.body?.toString('hex')]),
      );
      expect(split.startups).toEqual(whole.startups);
      expect(split.reader.buffered).toBe(0);
    }
  });

  it('stamps each message with the arrival of its first byte', () => {
    const two = Buffer.concat([w.startup({ user: 'u' }), w.query('SELECT 1'), w.query('SELECT 2')]);
    const firstQueryAt = w.startup({ user: 'u' }).length;
    // chunk 0: startup + 3 bytes of the first Query; chunk 1: the rest.
    const { frames } = readAll(two, [firstQueryAt + 3]);
    expect(frames.map((f) => f.at)).toEqual([0, 1]);
  });

  it('reads CancelRequest with a 4-byte key (3.0) and a 32-byte key (3.2)', () => {
    const short = readAll(w.cancelRequest(99, Buffer.from('abcd')), []);
    expect(short.startups[0]).toMatchObject({ kind: 'cancel-request', pid: 99 });
    const long = readAll(w.cancelRequest(7, Buffer.alloc(32, 1)), [5]);
    expect(long.startups[0]).toMatchObject({ kind: 'cancel-request', pid: 7 });
    expect((long.startups[0] as { key: Buffer }).key.length).toBe(32);
    expect(readAll(w.startup({ user: 'u' }, 2), []).startups[0]).toMatchObject({ major: 3, minor: 2 });
  });

  it('skips bodies past the retain limit without buffering them, and keeps framing after', () => {
    const big = Buffer.concat([w.copyData('x'.repeat(5000)), w.commandComplete('COPY 1')]);
    const { frames, reader } = readAll(big, [100, 100, 100, 1000], 'backend', 1024);
    expect(frames.map((f) => [f.type, f.length, f.body === null])).toEqual([
      ['d', 5000, true],
      ['C', 7, false],
    ]);
    expect(reader.buffered).toBe(0);
  });

  it('reports a stream that is not PostgreSQL, and keeps failing after it', () => {
    const r = new FrameReader({ side: 'frontend' });
    const http = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(() =>
      r.push(
        http,
        0,
        () => {},
        () => {},
      ),
    ).toThrow(ProtocolError);
    expect(() =>
      r.push(
        Buffer.from('x'),
        1,
        () => {},
        () => {},
      ),
    ).toThrow(/not PostgreSQL/);
  });

  it('reports an unknown message type and an impossible length', () => {
    const typed = (b: Buffer) => () =>
      new FrameReader({ side: 'backend' }).push(
        b,
        0,
        () => {},
        () => {},
      );
    expect(typed(Buffer.from([0x7a, 0, 0, 0, 4]))).toThrow(/unknown backend message type 0x7a/);
    expect(typed(Buffer.from([0x44, 0, 0, 0, 2]))).toThrow(/invalid length/);
    expect(typed(Buffer.from([0x44, 0x7f, 0xff, 0xff, 0xff]))).toThrow(/over PostgreSQL's limit/);
  });

  it('counts the bytes of a truncated message', () => {
    const q = w.query('SELECT 1');
    const { reader, frames } = readAll(Buffer.concat([w.startup({ user: 'u' }), q.subarray(0, 6)]), []);
    expect(frames).toHaveLength(0);
    expect(reader.buffered).toBe(6);
  });
});
