import { describe, expect, inject, it } from 'vitest';
import { SESSION_RESET_SQL } from '../guard/read-only-session';
import {
  type ConnectionLimits,
  defaultConnectionLimits,
  ProfilerConnection,
} from './instrumented-connection';

const open = (over: Partial<ConnectionLimits>) =>
  ProfilerConnection.open(inject('demoUrl'), { ...defaultConnectionLimits, ...over });

/** The connection's own prepared statements, read on the connection itself. */
async function preparedHere(conn: ProfilerConnection): Promise<number> {
  const t = await conn.run('SELECT count(*) AS n FROM pg_prepared_statements', []);
  return Number(t.firstRow?.n);
}

describe('statement modes', () => {
  it('prepared: each text is prepared once per connection, and DISCARD ALL starts afresh', async () => {
    const conn = await open({ statementMode: 'prepared' });
    try {
      for (let i = 0; i < 3; i++) {
        const t = await conn.run('SELECT id FROM users WHERE id = $1', [String(i + 1)]);
        expect(t.error).toBeNull();
        expect(t.firstRow).toEqual({ id: String(i + 1) });
      }
      // The query above and the counting query itself: two names, however often each ran.
      expect(await preparedHere(conn)).toBe(2);
      await conn.internal(SESSION_RESET_SQL);
      // Prepared again after the reset rather than bound to a name the server forgot.
      const again = await conn.run('SELECT id FROM users WHERE id = $1', ['9']);
      expect(again.error).toBeNull();
      expect(await preparedHere(conn)).toBe(2);
    } finally {
      await conn.close();
    }
  });

  it('prepared: a statement whose Parse failed is prepared again, not bound to a missing name', async () => {
    const conn = await open({ statementMode: 'prepared' });
    try {
      const first = await conn.run('SELECT no_such_column FROM users', []);
      expect((first.error as { code?: string }).code).toBe('42703');
      const second = await conn.run('SELECT no_such_column FROM users', []);
      expect((second.error as { code?: string }).code).toBe('42703');
    } finally {
      await conn.close();
    }
  });

  it('simple: parameters arrive as literals typed by their context, as in the extended protocol', async () => {
    const conn = await open({ statementMode: 'simple' });
    try {
      const t = await conn.run('SELECT $1::int + 1 AS x, $2 AS s, $3::text IS NULL AS n', [
        '41',
        "o'k\\",
        null,
      ]);
      expect(t.error).toBeNull();
      expect(t.firstRow).toEqual({ x: '42', s: "o'k\\", n: 't' });
      const cmp = await conn.run('SELECT count(*) AS n FROM users WHERE id = $1 AND name <> $2', ['1', '2']);
      expect(cmp.error).toBeNull();
      // Nothing is prepared in this mode.
      expect(await preparedHere(conn)).toBe(0);
    } finally {
      await conn.close();
    }
  });

  it('simple: the inlined text is what the policy checks; an injection stays a value', async () => {
    const conn = await open({ statementMode: 'simple' });
    try {
      const t = await conn.run('SELECT $1 AS v', ["x'; SELECT pg_advisory_lock(1); --"]);
      expect(t.error).toBeNull();
      expect(t.firstRow).toEqual({ v: "x'; SELECT pg_advisory_lock(1); --" });
      const missing = await conn.run('SELECT $2 AS v', ['1']);
      expect(missing.error?.message).toMatch(/no parameter \$2/);
      // The connection never sent the refused one and still works.
      expect((await conn.run('SELECT 1 AS one', [])).firstRow).toEqual({ one: '1' });
    } finally {
      await conn.close();
    }
  });

  it('simple: a statement ending in a line comment still ends its read-only block', async () => {
    const conn = await open({ statementMode: 'simple' });
    try {
      const t = await conn.run('SELECT 1 AS one -- trailing comment', []);
      expect(t.error).toBeNull();
      expect(conn.alive).toBe(true);
      const w = await conn.run('CREATE TEMP TABLE t (x int)', []);
      expect((w.error as { code?: string }).code).toBe('25006');
      expect((await conn.run('SELECT 2 AS two', [])).firstRow).toEqual({ two: '2' });
    } finally {
      await conn.close();
    }
  });
});
