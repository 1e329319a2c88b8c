import { statementModes } from '@gatherscope/shared';
import { describe, expect, inject, it } from 'vitest';
import {
  type ConnectionLimits,
  defaultConnectionLimits,
  ProfilerConnection,
} from './instrumented-connection';

const code = (e: Error | null) => (e as { code?: string } | null)?.code;

describe.each(statementModes)('pipelined statements (%s mode)', (statementMode) => {
  const open = (over: Partial<ConnectionLimits> = {}) =>
    ProfilerConnection.open(inject('demoUrl'), { ...defaultConnectionLimits, statementMode, ...over });

  it('answers every statement in order, each with its own times and first row', async () => {
    const conn = await open();
    try {
      const t = await conn.pipeline([
        { sql: 'SELECT $1::int + 1 AS x', values: ['41'] },
        { sql: 'SELECT generate_series(1, 3) AS n', values: [] },
        { sql: 'SELECT $1::text AS s', values: ["it's a \\ test"] },
      ]);
      expect(t.map((x) => x.error)).toEqual([null, null, null]);
      expect(t.map((x) => x.rows)).toEqual([1, 3, 1]);
      expect(t[0]?.firstRow).toEqual({ x: '42' });
      expect(t[2]?.firstRow).toEqual({ s: "it's a \\ test" });
      // All sent in one write, answered in order.
      for (const x of t) expect(x.sentAt).toBeLessThanOrEqual(t[0]!.doneAt);
      expect(t[0]!.doneAt).toBeLessThanOrEqual(t[1]!.doneAt);
      expect(t[1]!.doneAt).toBeLessThanOrEqual(t[2]!.doneAt);
      // The connection is usable afterwards, outside any transaction.
      const after = await conn.run('SELECT 1 AS one', []);
      expect(after.error).toBeNull();
    } finally {
      await conn.close();
    }
  });

  it('one failing statement fails alone: the others still run, before and after it', async () => {
    const conn = await open();
    try {
      const t = await conn.pipeline([
        { sql: 'SELECT 1 AS a', values: [] },
        { sql: 'SELECT no_such_column FROM users', values: [] },
        { sql: 'SELECT 3 AS c', values: [] },
        { sql: 'SELECT 1/0 AS d', values: [] },
        { sql: 'SELECT 5 AS e', values: [] },
      ]);
      expect(t.map((x) => code(x.error) ?? null)).toEqual([null, '42703', null, '22012', null]);
      expect(t[2]?.firstRow).toEqual({ c: '3' });
      expect(t[4]?.firstRow).toEqual({ e: '5' });
      // Writes are still refused inside each statement's read-only block.
      const w = await conn.pipeline([
        { sql: 'SELECT 1', values: [] },
        { sql: 'CREATE TEMP TABLE t (x int)', values: [] },
        { sql: 'SELECT 2 AS two', values: [] },
      ]);
      expect(code(w[1]!.error)).toBe('25006');
      expect(w[2]?.firstRow).toEqual({ two: '2' });
    } finally {
      await conn.close();
    }
  });

  it('stopping drops the connection: statements queued behind the running one never run', async () => {
    const conn = await open();
    const stop = new AbortController();
    try {
      const t0 = performance.now();
      setTimeout(() => stop.abort(), 150);
      const t = await conn.pipeline(
        [
          { sql: 'SELECT pg_sleep(5)', values: [] },
          { sql: 'SELECT pg_sleep(5)', values: [] },
        ],
        stop.signal,
      );
      expect(t.every((x) => x.error !== null)).toBe(true);
      expect(performance.now() - t0).toBeLessThan(4_000);
      expect(conn.alive).toBe(false);
    } finally {
      await conn.close();
    }
  });

  it('keeps the row cap per statement', async () => {
    const conn = await open({ maxRows: 5 });
    try {
      const t = await conn.pipeline([
        { sql: 'SELECT generate_series(1, 50) AS n', values: [] },
        { sql: 'SELECT 1 AS one', values: [] },
      ]);
      expect(t[0]?.exceeded).toBe('rows');
      expect(t[0]?.rows).toBe(6);
      expect(t[1]?.error).toBeNull();
      expect(t[1]?.rows).toBe(1);
    } finally {
      await conn.close();
    }
  });
});
