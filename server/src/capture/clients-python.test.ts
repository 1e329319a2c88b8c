import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { captureDemo, type TestCapture } from './test-capture';
import { python3, run } from './test-tools';

let tc: TestCapture;
beforeAll(async () => {
  tc = await captureDemo(inject('demoUrl'));
});
afterAll(async () => {
  await tc.stop();
});

async function recordedFrom(app: string, atLeast: number) {
  const end = performance.now() + 10_000;
  for (;;) {
    const mine = (await tc.statements(0)).filter((s) => s.applicationName === app);
    if (mine.length >= atLeast || performance.now() > end) return mine;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const py = (code: string, app: string) =>
  run(python3(), ['-c', code], { env: { ...process.env, DSN: tc.url, PGAPPNAME: app }, timeout: 20_000 });

describe('capturing psycopg 3', () => {
  it('records server-side bound parameters, a prepared statement, and a pipeline with an error', async () => {
    const code = `
import os, psycopg
with psycopg.connect(os.environ['DSN'], autocommit=True) as conn:
    conn.execute('SELECT id, email FROM users WHERE id = %s', (7,)).fetchall()
    for i in range(3):
        conn.execute('SELECT id FROM orders WHERE user_id = %s LIMIT 1', (i + 1,), prepare=True).fetchall()
    try:
        with conn.pipeline() as p:
            a = conn.execute('SELECT %s::int AS a', (1,))
            b = conn.execute('SELECT 1/0')
            c = conn.execute('SELECT %s::text AS c', ('never',))
    except psycopg.errors.DivisionByZero:
        print('division by zero')
`;
    const { stdout } = await py(code, 'psycopg3');
    expect(stdout).toContain('division by zero');
    const mine = await recordedFrom('psycopg3', 7);
    const seen = JSON.stringify(mine.map((s) => [s.sql, s.params, s.outcome, s.statementName]));
    const users = mine.find((s) => s.sql === 'SELECT id, email FROM users WHERE id = $1');
    expect(users).toMatchObject({ params: ['7'], rows: 1, protocol: 'extended' });
    const orders = mine.filter((s) => s.sql.startsWith('SELECT id FROM orders'));
    expect(
      orders.map((s) => s.params),
      seen,
    ).toEqual([['1'], ['2'], ['3']]);
    expect(
      orders.every((s) => s.statementName?.startsWith('_pg3_')),
      seen,
    ).toBe(true);
    // psycopg reads results while it sends: when the error has already arrived, it raises before
    // sending the third statement. When it did send it, the server skipped it until Sync.
    const piped = mine.slice(mine.findIndex((s) => s.sql === 'SELECT $1::int AS a'));
    expect(
      piped.slice(0, 2).map((s) => [s.sql, s.outcome]),
      seen,
    ).toEqual([
      ['SELECT $1::int AS a', 'ok'],
      ['SELECT 1/0', 'error'],
    ]);
    expect(piped[1]!.error?.sqlstate).toBe('22012');
    if (piped.length > 2) {
      expect(piped[2], seen).toMatchObject({
        sql: 'SELECT $1::text AS c',
        outcome: 'skipped',
        params: ['never'],
      });
    }
  });

  it('records a statement cancelled by a CancelRequest sent through the proxy', async () => {
    const code = `
import os, threading, time, psycopg
with psycopg.connect(os.environ['DSN'], autocommit=True) as conn:
    t = threading.Timer(0.5, conn.cancel)
    t.start()
    try:
        conn.execute('SELECT pg_sleep(20)')
    except psycopg.errors.QueryCanceled:
        print('cancelled')
`;
    const before = tc.capture.snapshot().counts.cancelRequests;
    const { stdout } = await py(code, 'psycopg3-cancel');
    expect(stdout).toContain('cancelled');
    const [s] = await recordedFrom('psycopg3-cancel', 1);
    expect(s).toMatchObject({ sql: 'SELECT pg_sleep(20)', outcome: 'error', error: { sqlstate: '57014' } });
    expect(s!.endMs - s!.startMs).toBeLessThan(15_000);
    expect(tc.capture.snapshot().counts.cancelRequests).toBe(before + 1);
  });
});

describe('capturing psycopg2', () => {
  it('records its client-side interpolated statements and the transaction it opens', async () => {
    const code = `
import os, psycopg2
conn = psycopg2.connect(os.environ['DSN'])
cur = conn.cursor()
cur.execute('SELECT id FROM users WHERE email = %s', ("user7@example.com",))
cur.fetchall()
conn.commit()
conn.close()
`;
    await py(code, 'psycopg2');
    const mine = await recordedFrom('psycopg2', 3);
    const sqls = mine.map((s) => s.sql);
    expect(sqls).toContain("SELECT id FROM users WHERE email = 'user7@example.com'");
    const sel = mine.find((s) => s.sql.startsWith('SELECT id FROM users'))!;
    expect(sel).toMatchObject({ protocol: 'simple', rows: 1, txStatus: 'transaction' });
    expect(sel.tablesRead).toEqual(['users']);
    expect(mine.at(-1)).toMatchObject({ sql: 'COMMIT', txStatus: 'idle' });
  });
});
