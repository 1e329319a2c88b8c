import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionStatement } from './execution';
import { FrameReader } from './frames';
import { Session } from './session';
import { loadSqlParser } from './sql-analysis';
import * as w from './test-wire';

beforeAll(() => loadSqlParser());

/** A session fed a conversation: each step is bytes from the client or the server at a time. */
function converse(steps: ['c' | 's', Buffer, number?][]) {
  const out: (SessionStatement['statement'] & { resultHashes: Map<number, string> })[] = [];
  const session = new Session(
    1,
    (s) => out.push({ ...s.statement, resultHashes: s.resultHashes }),
    (t) => t,
  );
  const front = new FrameReader({ side: 'frontend' });
  const back = new FrameReader({ side: 'backend' });
  let t = 0;
  for (const [side, bytes, at] of steps) {
    t = at ?? t + 1;
    if (side === 'c')
      front.push(
        bytes,
        t,
        (f) => session.startup(f),
        (f) => session.frontend(f),
      );
    else
      back.push(
        bytes,
        t,
        () => {},
        (f) => session.backend(f),
      );
  }
  return { out, session };
}

const hello: ['c' | 's', Buffer][] = [
  ['c', w.startup({ user: 'app', database: 'shop', application_name: 'web' })],
  ['s', Buffer.concat([w.backendKey(4242, Buffer.from('abcd')), w.ready()])],
];

describe('Session', () => {
  it('splits a simple Query into its statements, and skips the rest after an error', () => {
    const { out } = converse([
      ...hello,
      ['c', w.query("SELECT 1; SELECT 'a;b'; SELECT 1/0; SELECT 4")],
      [
        's',
        Buffer.concat([
          w.rowDescription([{ name: '?column?' }]),
          w.dataRow(['1']),
          w.commandComplete('SELECT 1'),
        ]),
      ],
      [
        's',
        Buffer.concat([
          w.rowDescription([{ name: '?column?' }]),
          w.dataRow(['a;b']),
          w.commandComplete('SELECT 1'),
        ]),
      ],
      ['s', Buffer.concat([w.errorResponse('22012', 'division by zero'), w.ready('I')])],
    ]);
    expect(out.map((s) => [s.sql, s.outcome, s.error?.sqlstate ?? null])).toEqual([
      ['SELECT 1', 'ok', null],
      ["SELECT 'a;b'", 'ok', null],
      ['SELECT 1/0', 'error', '22012'],
      ['SELECT 4', 'skipped', ''],
    ]);
    expect(out[0]).toMatchObject({ backendPid: 4242, user: 'app', database: 'shop', applicationName: 'web' });
  });

  it('matches pipelined replies in order and records the Executes after an error until Sync as skipped', () => {
    const { out } = converse([
      ...hello,
      [
        'c',
        Buffer.concat([
          w.parse('', 'SELECT $1::int', [23]),
          w.bind('', '', ['1']),
          w.execute(),
          w.parse('', 'SELECT 1/0'),
          w.bind('', '', []),
          w.execute(),
          w.parse('', 'SELECT $1::text', [25]),
          w.bind('', '', ['x']),
          w.execute(),
          w.sync(),
        ]),
        10,
      ],
      [
        's',
        Buffer.concat([w.parseComplete(), w.bindComplete(), w.dataRow(['1']), w.commandComplete('SELECT 1')]),
        12,
      ],
      [
        's',
        Buffer.concat([w.parseComplete(), w.bindComplete(), w.errorResponse('22012', 'division by zero')]),
        13,
      ],
      ['s', w.ready('I'), 14],
    ]);
    expect(out.map((s) => [s.sql, s.params, s.outcome])).toEqual([
      ['SELECT $1::int', ['1'], 'ok'],
      ['SELECT 1/0', [], 'error'],
      ['SELECT $1::text', ['x'], 'skipped'],
    ]);
    expect(out.map((s) => [s.startMs, s.endMs])).toEqual([
      [10, 12],
      [10, 13],
      [10, 13],
    ]);
    expect(out[0]!.txStatus).toBe('idle');
  });

  it('records a statement that fails at Bind once, even when its Execute reaches the proxy after the error', () => {
    // libpq's pipeline mode flushes as it goes: the server can answer the Bind of SELECT 1/0 (its
    // constant is folded while planning) before the proxy has read that statement's Execute.
    const { out } = converse([
      ...hello,
      ['c', Buffer.concat([w.parse('', 'SELECT 1/0'), w.bind('', '', [])]), 10],
      ['s', Buffer.concat([w.parseComplete(), w.errorResponse('22012', 'division by zero')]), 11],
      [
        'c',
        Buffer.concat([
          w.execute(),
          w.parse('', 'SELECT $1::text', [25]),
          w.bind('', '', ['x']),
          w.execute(),
        ]),
        12,
      ],
      ['c', w.sync(), 13],
      ['s', w.ready('I'), 14],
    ]);
    expect(out.map((s) => [s.sql, s.params, s.outcome])).toEqual([
      ['SELECT 1/0', [], 'error'],
      ['SELECT $1::text', ['x'], 'skipped'],
    ]);
  });

  it('records a statement that fails at Parse once, even when its Bind and Execute arrive after the error', () => {
    const { out } = converse([
      ...hello,
      ['c', w.parse('', 'SELEC 1'), 10],
      ['s', w.errorResponse('42601', 'syntax error at or near "SELEC"'), 11],
      ['c', Buffer.concat([w.bind('', '', []), w.execute(), w.bind('', 'named', ['7']), w.execute()]), 12],
      ['c', w.sync(), 13],
      ['s', w.ready('I'), 14],
    ]);
    expect(out.map((s) => [s.sql, s.outcome, s.error?.sqlstate])).toEqual([
      ['SELEC 1', 'error', '42601'],
      ['(prepared statement "named" unknown)', 'skipped', ''],
    ]);
  });

  it('follows named statements prepared once and executed many times, with binary parameters', () => {
    const int8 = Buffer.alloc(8);
    int8.writeBigInt64BE(1042n);
    const { out } = converse([
      ...hello,
      [
        'c',
        Buffer.concat([
          w.parse('q1', 'SELECT id FROM users WHERE id = $1', [20]),
          w.describe('S', 'q1'),
          w.sync(),
        ]),
      ],
      [
        's',
        Buffer.concat([
          w.parseComplete(),
          w.parameterDescription([20]),
          w.rowDescription([{ name: 'id', oid: 20 }]),
          w.ready(),
        ]),
      ],
      ['c', Buffer.concat([w.bind('', 'q1', [int8], [1]), w.execute(), w.sync()])],
      [
        's',
        Buffer.concat([w.bindComplete(), w.dataRow(['1042']), w.commandComplete('SELECT 1'), w.ready('T')]),
      ],
      ['c', Buffer.concat([w.bind('', 'gone', ['1']), w.execute(), w.sync()])],
      [
        's',
        Buffer.concat([w.errorResponse('26000', 'prepared statement "gone" does not exist'), w.ready('E')]),
      ],
    ]);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({
      sql: 'SELECT id FROM users WHERE id = $1',
      statementName: 'q1',
      params: ['1042'],
      paramTypes: ['int8'],
      rows: 1,
      txStatus: 'transaction',
    });
    expect([...out[0]!.resultHashes.values()]).toEqual(['id']);
    expect(out[1]!.sql).toMatch(/prepared statement "gone" unknown: prepared before the capture started/);
    expect(out[1]).toMatchObject({ outcome: 'error', txStatus: 'failed', error: { sqlstate: '26000' } });
  });

  it('records COPY as one statement without reading its data', () => {
    const { out } = converse([
      ...hello,
      ['c', w.query('COPY t FROM STDIN')],
      ['s', w.copyInResponse()],
      ['c', Buffer.concat([w.copyData('1\tx\n'), w.copyData('2\ty\n'), w.copyDone()])],
      ['s', Buffer.concat([w.commandComplete('COPY 2'), w.ready()])],
    ]);
    expect(out.map((s) => [s.sql, s.rows, s.commandTag, s.outcome])).toEqual([
      ['COPY t FROM STDIN', 2, 'COPY 2', 'ok'],
    ]);
  });

  it('cuts what is still running when the connection closes', () => {
    const { out, session } = converse([...hello, ['c', w.query('SELECT pg_sleep(10)')]]);
    expect(session.inFlight).toBe(1);
    session.close(99, 'the client closed the connection');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      outcome: 'cut',
      endMs: 99,
      error: { message: 'cut: the client closed the connection' },
    });
  });
});
