import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { accessModeFor, assertWorkloadAllowed, checkStatement } from './guard';

const refused = (sql: string, mode: 'read-only' | 'read-write' = 'read-only') =>
  checkStatement(sql, mode)?.message;

describe('checkStatement (read-only)', () => {
  it('allows the statements a dashboard reads with', () => {
    for (const sql of [
      'SELECT * FROM users WHERE id = $1',
      '  (SELECT 1) UNION (SELECT 2);',
      'WITH recent AS (SELECT * FROM orders ORDER BY created_at DESC LIMIT 10) SELECT * FROM recent',
      'VALUES (1), (2)',
      'TABLE products',
      'SHOW server_version',
      'EXPLAIN ANALYZE SELECT count(*) FROM orders',
      "SELECT 'set_config(' AS text_only, 'pg_advisory_lock(1)'",
      'SELECT pg_sleep(0.01)',
      '-- DELETE FROM users\nSELECT 1',
      '/* nested /* DROP TABLE users */ still a comment */ SELECT 1',
      'SELECT lo_price, lo FROM (SELECT 1 AS lo_price, 2 AS lo) x',
      'SELECT "SET_CONFIG"(1)',
      'SELECT $body$ DO $$ pg_terminate_backend(1) $$ $body$',
    ]) {
      expect(refused(sql), sql).toBeUndefined();
    }
  });

  it('refuses statements that are not reads, whatever their case or leading comments', () => {
    for (const [sql, why] of [
      ['DELETE FROM users', /DELETE writes/],
      ['/* hi */ insert into users values (1)', /INSERT writes/],
      ['BEGIN READ WRITE', /BEGIN statements are not profiled/],
      ['START TRANSACTION', /START/],
      ['COMMIT', /COMMIT/],
      ['SET default_transaction_read_only = off', /SET/],
      ['RESET ALL', /RESET/],
      ['SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE', /SET/],
      ['DO $$ BEGIN DELETE FROM users; END $$', /DO/],
      ['CALL do_things()', /CALL/],
      ['COPY users TO PROGRAM $$rm -rf /tmp/x$$', /COPY/],
      ['PREPARE p AS SELECT 1', /PREPARE/],
      ['EXECUTE p', /EXECUTE/],
      ['DECLARE c CURSOR WITH HOLD FOR SELECT 1', /DECLARE/],
      ['LISTEN channel', /LISTEN/],
      ['NOTIFY channel', /NOTIFY/],
      ['CREATE TEMP TABLE x (a int)', /CREATE/],
      ['LOCK TABLE users', /LOCK/],
      ['VACUUM users', /VACUUM/],
      ['DISCARD ALL', /DISCARD/],
      ['SELECT 1; DELETE FROM users', /more than one statement/],
      ['SELECT 1 /* ; */ ; ; ', /more than one statement/],
      ['EXPLAIN ANALYZE DELETE FROM users', /EXPLAIN ANALYZE would run the write/],
    ] as const) {
      expect(refused(sql), sql).toMatch(why);
    }
  });

  it('refuses calls that escape a rolled-back read-only transaction, however they are written', () => {
    for (const [sql, why] of [
      [
        "SELECT set_config('default_transaction_read_only', 'off', false)",
        /set_config\(\) changes session settings/,
      ],
      ["SELECT pg_catalog.set_config('statement_timeout', '0', false)", /set_config/],
      ["SELECT \"set_config\"('a.b', 'c', false)", /set_config/],
      ["SELECT set_config /* hidden */ ('a.b', 'c', false)", /set_config/],
      ['SELECT PG_ADVISORY_LOCK(1)', /advisory locks/],
      ['SELECT * FROM pg_try_advisory_lock_shared(1)', /advisory locks/],
      ["SELECT dblink_exec('dbname=x', 'DELETE FROM users')", /opens a connection/],
      ["SELECT query_to_xml('SELECT pg_advisory_lock(1)', true, false, '')", /runs SQL given as text/],
      ["SELECT ts_stat('SELECT 1')", /runs SQL given as text/],
      ['SELECT pg_terminate_backend(pid) FROM pg_stat_activity', /signals other sessions/],
      ['SELECT pg_reload_conf()', /administration/],
      ["SELECT pg_read_file('/etc/passwd')", /files on the server/],
      ["SELECT lo_export(1, '/tmp/x')", /large objects/],
      ['SELECT pg_stat_reset()', /statistics/],
      ["SELECT pg_logical_emit_message(false, 'a', 'b')", /write-ahead log/],
      ['SELECT txid_current()', /transaction id/],
      ["SELECT pg_notify('c', 'x')", /notifies/],
      ["SELECT U&\"\\0073et_config\"('a.b', 'c', false)", /Unicode-escaped identifier/],
      ["SELECT 'unterminated", /unterminated string/],
      ['SELECT $a$ never closed', /unterminated dollar-quoted/],
    ] as const) {
      expect(refused(sql), sql).toMatch(why);
    }
  });

  it('allows writes only in read-write mode, and never session or admin commands', () => {
    expect(refused('INSERT INTO logs(message) VALUES ($1)', 'read-write')).toBeUndefined();
    expect(refused('UPDATE stats SET value = 1', 'read-write')).toBeUndefined();
    expect(refused('SET statement_timeout = 0', 'read-write')).toMatch(/SET/);
    expect(refused('SELECT pg_advisory_lock(1)', 'read-write')).toMatch(/advisory/);
  });
});

describe('assertWorkloadAllowed and accessModeFor', () => {
  it('names every refused query in the error issues', () => {
    const workload = {
      name: 'w',
      queries: [
        { id: 'ok', sql: 'SELECT 1' },
        { id: 'bad', sql: 'DELETE FROM users' },
        { id: 'worse', sql: 'SELECT pg_advisory_lock(1)' },
      ],
    };
    try {
      assertWorkloadAllowed(workload, 'read-only');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('read_only_violation');
      expect(e.status).toBe(400);
      expect(e.hint).toMatch(/only reads/);
      expect(e.details?.issues).toEqual([
        { path: 'queries.1.sql', message: expect.stringMatching(/query "bad" is refused: DELETE writes/) },
        { path: 'queries.2.sql', message: expect.stringMatching(/query "worse" is refused/) },
      ]);
    }
  });

  it('grants writes on the embedded demo or an opted-in connection only', () => {
    expect(accessModeFor({ embedded: false }, false)).toBe('read-only');
    expect(accessModeFor({ embedded: true }, true)).toBe('read-write');
    expect(accessModeFor({ embedded: false, writesEnabled: true }, true)).toBe('read-write');
    expect(() => accessModeFor({ embedded: false }, true)).toThrow(/Writes are not enabled/);
    expect(() => accessModeFor({ embedded: false, writesEnabled: false }, true)).toThrow(AppError);
  });
});
