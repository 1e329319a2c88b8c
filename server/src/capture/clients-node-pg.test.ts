import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { captureDemo, type TestCapture } from './test-capture';

let tc: TestCapture;
beforeAll(async () => {
  tc = await captureDemo(inject('demoUrl'));
});
afterAll(async () => {
  await tc.stop();
});

describe('capturing node-postgres', () => {
  it('records simple, extended and failing queries with params, rows, pid and errors', async () => {
    const client = new pg.Client({ connectionString: tc.url, application_name: 'capture-test' });
    await client.connect();
    const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    await client.query('SELECT id, email FROM users WHERE id = $1', [42]);
    await client.query('SELECT id FROM users ORDER BY id LIMIT 3; SELECT count(*) FROM orders');
    await expect(client.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    await client.end();
    const all = await tc.statements(5);
    const mine = all.filter((s) => s.backendPid === pid);
    expect(mine.map((s) => s.sql)).toEqual([
      'SELECT pg_backend_pid() AS pid',
      'SELECT id, email FROM users WHERE id = $1',
      'SELECT id FROM users ORDER BY id LIMIT 3',
      'SELECT count(*) FROM orders',
      'SELECT * FROM no_such_table',
    ]);
    const [, byId, three, , missing] = mine;
    expect(byId).toMatchObject({ protocol: 'extended', params: ['42'], rows: 1, outcome: 'ok', error: null });
    expect(byId!.applicationName).toBe('capture-test');
    expect(byId!.tablesRead).toEqual(['users']);
    expect(three).toMatchObject({ protocol: 'simple', rows: 3, commandTag: 'SELECT 3', txStatus: 'idle' });
    expect(missing).toMatchObject({ outcome: 'error', error: { sqlstate: '42P01' } });
    expect(byId!.endMs).toBeGreaterThanOrEqual(byId!.startMs);
    expect(byId!.firstRowMs).not.toBeNull();
    expect(byId!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('records pipelined queries in order, and skips the ones after an error until Sync', async () => {
    const client = new pg.Client({ connectionString: tc.url, pipeline: true } as pg.ClientConfig);
    await client.connect();
    const before = (await tc.statements(0)).length;
    const results = await Promise.allSettled([
      client.query('SELECT $1::int AS a', [1]),
      client.query('SELECT $1::int AS b', [2]),
      client.query('SELECT 1/0'),
      client.query('SELECT $1::int AS c', [3]),
    ]);
    await client.end();
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const got = (await tc.statements(before + 4)).slice(before);
    expect(got.map((s) => [s.sql, s.params, s.outcome])).toEqual([
      ['SELECT $1::int AS a', ['1'], 'ok'],
      ['SELECT $1::int AS b', ['2'], 'ok'],
      ['SELECT 1/0', [], 'error'],
      ['SELECT $1::int AS c', ['3'], 'ok'],
    ]);
    expect(got[2]!.error?.sqlstate).toBe('22012');
  });
});
