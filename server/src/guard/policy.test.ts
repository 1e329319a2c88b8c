import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery } from '../../test/pg-admin';
import { readGuardCatalog } from '../db/guard/catalog-read';
import { GuardCatalog } from './catalog';
import { ensureParser } from './parse';
import { createPolicy } from './policy';

/**
 * The policy on real catalogs of the test cluster: the demo shop, and a database of the user's own
 * with the traps a schema can hold (functions, views, policies, operators, casts of its own).
 */
const template = inject('clusterUrlTemplate');
const demoUrl = inject('demoUrl');
let ownUrl: string;
let ownDb: string;
let demo: GuardCatalog;
let own: GuardCatalog;

beforeAll(async () => {
  ownDb = `gs_guard_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(template.replace('{db}', 'postgres'), `CREATE DATABASE ${ownDb}`);
  ownUrl = template.replace('{db}', ownDb);
  await adminQuery(
    ownUrl,
    `CREATE TABLE t (id int PRIMARY KEY, pid int, secret text);
     CREATE FUNCTION kill_all() RETURNS int LANGUAGE plpgsql STABLE AS
       $$ BEGIN PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE false; RETURN 1; END $$;
     CREATE FUNCTION double_it(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1 * 2';
     CREATE FUNCTION reader(t) RETURNS text LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN $1.secret; END $$;
     CREATE VIEW killer AS SELECT pg_terminate_backend(pid) AS k FROM t;
     CREATE VIEW calm AS SELECT id FROM t;
     CREATE VIEW deep AS SELECT * FROM killer;
     CREATE TABLE guarded (id int);
     ALTER TABLE guarded ENABLE ROW LEVEL SECURITY;
     CREATE POLICY p ON guarded USING (pg_notify('x', 'y') IS NULL);
     CREATE FUNCTION noisy_eq(int, int) RETURNS bool LANGUAGE plpgsql VOLATILE AS $$ BEGIN RETURN $1 = $2; END $$;
     CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = noisy_eq);
     CREATE FUNCTION sneaky_add(int, int) RETURNS int LANGUAGE plpgsql STABLE AS
       $$ BEGIN PERFORM pg_notify('x', 'y'); RETURN coalesce($1, 0) + $2; END $$;
     CREATE AGGREGATE sneaky_sum(int) (SFUNC = sneaky_add, STYPE = int);
     CREATE DOMAIN loud_int AS int CHECK (pg_notify('x', VALUE::text) IS NULL);
     CREATE DOMAIN quiet_int AS int CHECK (VALUE > 0);
     CREATE FUNCTION sql_killer() RETURNS bigint LANGUAGE sql STABLE AS
       'SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE false';
     CREATE FUNCTION sql_reader(int) RETURNS bigint LANGUAGE sql STABLE
       BEGIN ATOMIC SELECT count(*) FROM t WHERE id > $1; END;
     CREATE FUNCTION sql_locker() RETURNS int LANGUAGE sql STABLE AS 'SELECT id FROM t FOR UPDATE';
     CREATE FUNCTION sql_volatile() RETURNS int LANGUAGE sql AS 'SELECT 1';
     CREATE VIEW locking AS SELECT id FROM t FOR SHARE;
     CREATE FOREIGN DATA WRAPPER files_like;
     CREATE SERVER elsewhere FOREIGN DATA WRAPPER files_like;
     CREATE FOREIGN TABLE outside (line text) SERVER elsewhere;
     CREATE TABLE audited (id int, stamp text);
     CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS
       $$ BEGIN NEW.stamp := 'x'; RETURN NEW; END $$;
     CREATE TRIGGER stamped BEFORE INSERT ON audited FOR EACH ROW EXECUTE FUNCTION stamp();`,
  );
  await ensureParser();
  demo = new GuardCatalog(await readGuardCatalog(demoUrl));
  own = new GuardCatalog(await readGuardCatalog(ownUrl));
});
afterAll(async () => {
  if (ownDb)
    await adminQuery(template.replace('{db}', 'postgres'), `DROP DATABASE IF EXISTS ${ownDb} WITH (FORCE)`);
});

const on = (
  catalog: () => GuardCatalog,
  mode: 'read-only' | 'read-write' | 'rolled-back' = 'read-only',
  trusted?: string[],
) => {
  return (sql: string) =>
    createPolicy({ catalog: catalog(), mode, ...(trusted && { trustedFunctions: trusted }) }).check(sql)
      ?.message;
};

describe('statement kinds, on the parse tree', () => {
  const refused = on(() => demo);
  it('allows the statements a dashboard reads with, whatever comments and strings hold', () => {
    for (const sql of [
      'SELECT * FROM users WHERE id = $1',
      '  (SELECT 1) UNION (SELECT 2);',
      'WITH recent AS (SELECT * FROM orders ORDER BY created_at DESC LIMIT 10) SELECT * FROM recent',
      'VALUES (1), (2)',
      'TABLE products',
      'SHOW server_version',
      'EXPLAIN ANALYZE SELECT count(*) FROM orders',
      'EXPLAIN DELETE FROM orders',
      "SELECT 'set_config(' AS text_only, 'pg_advisory_lock(1)'",
      'SELECT pg_sleep(0.01), random(), clock_timestamp(), gen_random_uuid(), now()',
      '-- DELETE FROM users\nSELECT 1',
      '/* nested /* DROP TABLE users */ still a comment */ SELECT 1',
      'SELECT $body$ DO $$ pg_terminate_backend(1) $$ $body$',
      'SELECT * FROM pg_locks',
      'SELECT count(*) FROM pg_stat_activity',
      'SELECT count(*) FROM information_schema.tables',
      'SELECT id FROM users TABLESAMPLE BERNOULLI (10)',
      "SELECT 'users'::regclass, CAST(1 AS text), '{1,2}'::int[]",
      'SELECT u.id FROM users u WHERE u.id IN (SELECT user_id FROM orders) ORDER BY u.id USING <',
    ]) {
      expect(refused(sql), sql).toBeUndefined();
    }
  });

  it('refuses every other kind of statement, naming it', () => {
    for (const [sql, why] of [
      ['DELETE FROM users', /DELETE writes/],
      ['/* hi */ insert into users values (1)', /INSERT writes/],
      ['BEGIN READ WRITE', /Transaction control/],
      ['COMMIT', /Transaction control/],
      ['SET default_transaction_read_only = off', /SET statements are not profiled/],
      ['RESET ALL', /SET statements/],
      ['DO $$ BEGIN DELETE FROM users; END $$', /DO statements/],
      ['CALL do_things()', /CALL statements/],
      ['COPY users TO PROGRAM $$rm -rf /tmp/x$$', /COPY statements/],
      ['PREPARE p AS SELECT 1', /PREPARE/],
      ['EXECUTE p', /EXECUTE/],
      ['DECLARE c CURSOR WITH HOLD FOR SELECT 1', /DECLARE CURSOR/],
      ['LISTEN channel', /LISTEN/],
      ['NOTIFY channel', /NOTIFY/],
      ['CREATE TEMP TABLE x (a int)', /CREATE/],
      ['LOCK TABLE users', /LOCK/],
      ['VACUUM FULL users', /VACUUM/],
      ['CHECKPOINT', /CHECKPOINT/],
      ['DISCARD ALL', /DISCARD/],
      ['SELECT 1; DELETE FROM users', /more than one statement/],
      ['SELECT 1 --\r; CHECKPOINT', /more than one statement/],
      ['EXPLAIN ANALYZE DELETE FROM users', /EXPLAIN ANALYZE would run the write/],
      ['EXPLAIN ANALYZE SELECT * INTO newtable FROM users', /SELECT INTO creates a table/],
      ['EXPLAIN SELECT * INTO newtable FROM users', /SELECT INTO/],
      ['EXPLAIN CREATE TABLE x AS SELECT 1', /CREATE TABLE AS/],
      ['SELECT * INTO stolen FROM users', /SELECT INTO/],
      ['SELECT * FROM (SELECT * FROM users FOR UPDATE) x', /FOR UPDATE\/SHARE/],
      [
        'WITH d AS (DELETE FROM users RETURNING 1) SELECT count(*) FROM d',
        /data-modifying WITH query \(DELETE\)/,
      ],
      ["SELECT 'unterminated", /parser rejects it: unterminated quoted string/],
      ['SELECT $a$ never closed', /parser rejects it: unterminated dollar-quoted string/],
      ['SELEKT 1', /parser rejects it: syntax error at or near "SELEKT" \(at character 1\)/],
      ['-- only a comment', /parser rejects it|no statement/],
    ] as const) {
      expect(refused(sql), sql).toMatch(why);
    }
  });

  it('allows writes only in read-write mode, and never session or admin commands', () => {
    const rw = on(() => demo, 'read-write');
    expect(rw('INSERT INTO logs(message) VALUES ($1)')).toBeUndefined();
    expect(rw("UPDATE orders SET status = 'x' WHERE id = 1")).toBeUndefined();
    expect(rw('WITH d AS (DELETE FROM logs RETURNING 1) SELECT count(*) FROM d')).toBeUndefined();
    expect(rw('SELECT * FROM users FOR UPDATE')).toBeUndefined();
    expect(rw("INSERT INTO logs(id) VALUES (nextval('logs_id_seq'))")).toBeUndefined();
    expect(rw('SET statement_timeout = 0')).toMatch(/SET/);
    expect(rw('COPY users TO STDOUT')).toMatch(/COPY/);
    expect(rw('SELECT pg_advisory_lock(1)')).toMatch(/advisory/);
    expect(rw("SELECT pg_create_logical_replication_slot('s', 'test_decoding')")).toMatch(/volatile/);
  });

  it('in a transaction that is rolled back, allows writes but nothing a rollback would not undo', () => {
    const rb = on(() => demo, 'rolled-back');
    expect(rb('INSERT INTO logs(id, level, message, created_at) VALUES ($1, $2, $3, now())')).toBeUndefined();
    expect(
      rb('WITH d AS (DELETE FROM logs WHERE id = 1 RETURNING 1) SELECT count(*) FROM d'),
    ).toBeUndefined();
    // Row locks end with the transaction.
    expect(rb('SELECT * FROM users WHERE id = 1 FOR UPDATE')).toBeUndefined();
    // A sequence does not roll back: what read-write allows is refused here.
    expect(rb("INSERT INTO logs(id) VALUES (nextval('logs_id_seq'))")).toMatch(/nextval changes a sequence/);
    expect(rb("SELECT setval('logs_id_seq', 1)")).toMatch(/setval changes a sequence/);
    for (const sql of ['COMMIT', 'ROLLBACK', 'SAVEPOINT a', 'RELEASE SAVEPOINT a', "PREPARE TRANSACTION 'x'"])
      expect(rb(sql), sql).toMatch(/Transaction control/);
    expect(rb('CREATE TABLE x (i int)')).toMatch(/CREATE/);
    expect(rb('SET LOCAL lock_timeout = 0')).toMatch(/SET/);
    expect(rb('SELECT pg_advisory_xact_lock(1)')).toMatch(/advisory/);
  });

  it("in a transaction that is rolled back, judges the database's own functions as read-only does", () => {
    const rw = on(() => own, 'read-write');
    const rb = on(() => own, 'rolled-back');
    // With committed writes the owner vouched for them; a rolled-back replay promises no change.
    expect(rw('SELECT sql_volatile()')).toBeUndefined();
    expect(rb('SELECT sql_volatile()')).toMatch(/volatile/);
    expect(rb('INSERT INTO t (id) VALUES (noisy_eq(1, 1)::int)')).toMatch(/volatile/);
    expect(rb('SELECT kill_all()')).toMatch(/procedural language/);
    expect(rb('UPDATE t SET pid = double_it(pid)')).toBeUndefined();
    expect(on(() => own, 'rolled-back', ['noisy_eq'])('SELECT noisy_eq(1, 1)')).toBeUndefined();
  });

  it('in a transaction that is rolled back, judges the triggers a write fires', () => {
    const rb = on(() => own, 'rolled-back');
    expect(rb('INSERT INTO audited (id) VALUES (1)')).toMatch(
      /a write to public\.audited fires a trigger that calls public\.stamp, and public\.stamp is volatile/,
    );
    expect(rb('WITH i AS (INSERT INTO audited (id) VALUES (1) RETURNING id) SELECT * FROM i')).toMatch(
      /stamp/,
    );
    // A read fires none; a trusted trigger function runs; committed writes are the owner's own call.
    expect(rb('SELECT * FROM audited')).toBeUndefined();
    expect(on(() => own, 'read-only')('SELECT * FROM audited')).toBeUndefined();
    expect(on(() => own, 'rolled-back', ['stamp'])('INSERT INTO audited (id) VALUES (1)')).toBeUndefined();
    expect(on(() => own, 'read-write')('INSERT INTO audited (id) VALUES (1)')).toBeUndefined();
  });
});

describe('functions, by the catalog', () => {
  const refused = on(() => demo);
  it('refuses volatile functions however they are called: by name, qualified, quoted, escaped, in attribute notation', () => {
    for (const [sql, why] of [
      ["SELECT pg_read_file('/etc/hostname')", /pg_read_file reads or writes files on the server/],
      ["SELECT ('/etc/hostname'::text).pg_read_file", /pg_read_file reads or writes files/],
      [
        'SELECT (pid).pg_terminate_backend FROM pg_stat_activity',
        /pg_terminate_backend signals other sessions/,
      ],
      ['SELECT a.pg_cancel_backend FROM (SELECT 1) a', /signals other sessions/],
      [
        "SELECT pg_catalog.set_config('statement_timeout', '0', false)",
        /set_config changes session settings/,
      ],
      ["SELECT \"set_config\"('a.b', 'c', false)", /set_config/],
      ["SELECT U&\"\\0073et_config\"('a.b', 'c', false)", /set_config/],
      [
        "SELECT pg_create_logical_replication_slot('s', 'test_decoding')",
        /pg_create_logical_replication_slot is volatile: it can change state outside the statement/,
      ],
      ["SELECT pg_replication_slot_advance('s', '0/0')", /volatile/],
      ["SELECT * FROM pg_logical_slot_get_changes('s', NULL, NULL)", /volatile/],
      ["SELECT pg_backup_start('x')", /volatile/],
      ["SELECT pg_import_system_collations('pg_catalog')", /volatile/],
      ["SELECT brin_summarize_new_values('users_pkey')", /volatile/],
      ['SELECT lo_unlink(1)', /large objects/],
      ["SELECT lo_import('/etc/hostname')", /large objects/],
      ["SELECT pg_notify('c', 'x')", /pg_notify notifies other sessions/],
      ["SELECT nextval('users_id_seq')", /nextval is volatile/],
      ['SELECT setseed(0.5)', /setseed is volatile/],
      ['SELECT pg_advisory_xact_lock(1)', /advisory locks/],
      ["SELECT query_to_xml('DELETE FROM users RETURNING 1', true, false, '')", /runs SQL given as text/],
      ["SELECT table_to_xml('users', true, false, '')", /runs SQL given as text/],
      ['SELECT txid_current()', /assigns a transaction id/],
      // Everywhere in the tree, not in a list of places.
      ['SELECT CASE WHEN true THEN pg_reload_conf() END', /pg_reload_conf is volatile/],
      ['SELECT * FROM users u, LATERAL (SELECT pg_switch_wal()) w', /pg_switch_wal/],
      ['SELECT coalesce(NULL, (SELECT pg_rotate_logfile()))', /pg_rotate_logfile/],
      ['SELECT count(*) FILTER (WHERE pg_promote()) FROM users', /pg_promote/],
      ['SELECT 1 ORDER BY pg_stat_reset()', /pg_stat_reset/],
      ["SELECT format('%s', pg_log_backend_memory_contexts(1))", /pg_log_backend_memory_contexts/],
      ['SELECT no_such_function()', /function no_such_function does not exist on this database/],
    ] as const) {
      expect(refused(sql), sql).toMatch(why);
    }
  });

  it('refuses functions, views, policies and operators of the user’s own database that it cannot check', () => {
    const mine = on(() => own);
    expect(mine('SELECT kill_all()')).toMatch(
      /public\.kill_all is a function of this database in a procedural language/,
    );
    // SQL functions are read like the statement: a plain read of stable code runs, anything else not.
    expect(mine('SELECT double_it(2), sql_reader(1)')).toBeUndefined();
    expect(mine('SELECT sql_killer()')).toMatch(
      /public\.sql_killer runs code the policy refuses: pg_terminate_backend signals/,
    );
    expect(mine('SELECT sql_locker()')).toMatch(
      /public\.sql_locker runs code the policy refuses: locks rows/,
    );
    expect(mine('SELECT sql_volatile()')).toMatch(/public\.sql_volatile/);
    expect(mine('SELECT * FROM locking')).toMatch(/the view public\.locking runs code: locks rows/);
    expect(mine('SELECT x.reader FROM t x')).toMatch(/attribute notation.*public\.reader/);
    expect(mine('SELECT * FROM killer')).toMatch(
      /the view public\.killer runs code: pg_terminate_backend signals/,
    );
    expect(mine('SELECT * FROM deep')).toMatch(/the view public\.deep runs code: the view public\.killer/);
    expect(mine('SELECT * FROM calm')).toBeUndefined();
    expect(mine('SELECT * FROM guarded')).toMatch(
      /row-security policy of public\.guarded runs code: pg_notify/,
    );
    expect(mine('SELECT 1 === 1')).toMatch(/the operator === calls public\.noisy_eq/);
    expect(mine('SELECT 1 OPERATOR(public.===) 1')).toMatch(/operator public\.===/);
    expect(mine('SELECT sneaky_sum(id) FROM t')).toMatch(/public\.sneaky_sum is a function of this database/);
    expect(mine('SELECT 1::loud_int')).toMatch(
      /CHECK constraint of the domain public\.loud_int runs code: pg_notify/,
    );
    expect(mine('SELECT CAST(1 AS quiet_int)')).toBeUndefined();
    expect(mine('SELECT * FROM outside')).toMatch(/public\.outside is a foreign table of files_like/);
    expect(mine('SELECT id, secret FROM t')).toBeUndefined();
  });

  it('runs the functions a saved connection trusts, never the denied ones', () => {
    const trusting = on(() => own, 'read-only', ['kill_all', 'public.sql_killer', 'pg_read_file', 'nextval']);
    expect(trusting('SELECT kill_all(), sql_killer()')).toBeUndefined();
    expect(trusting("SELECT nextval('x')")).toBeUndefined();
    expect(trusting("SELECT pg_read_file('/etc/hostname')")).toMatch(/files on the server/);
    expect(trusting('SELECT reader(t) FROM t')).toMatch(/public\.reader/);
  });
});

describe('what PostgreSQL calls without the statement naming it', () => {
  it('refuses every read on a database with a volatile implicit cast of its own', async () => {
    const db = `gs_guard_cast_${crypto.randomBytes(4).toString('hex')}`;
    await adminQuery(template.replace('{db}', 'postgres'), `CREATE DATABASE ${db}`);
    try {
      const url = template.replace('{db}', db);
      await adminQuery(
        url,
        `CREATE TYPE money2 AS (v int);
         CREATE FUNCTION m2(int) RETURNS money2 LANGUAGE plpgsql VOLATILE AS $$ BEGIN RETURN ROW($1); END $$;
         CREATE CAST (int AS money2) WITH FUNCTION m2(int) AS IMPLICIT;`,
      );
      const cat = new GuardCatalog(await readGuardCatalog(url));
      expect(on(() => cat)('SELECT 1')).toMatch(/PostgreSQL calls public\.m2 through an implicit cast/);
      expect(on(() => cat, 'read-only', ['m2'])('SELECT 1')).toBeUndefined();
    } finally {
      await adminQuery(template.replace('{db}', 'postgres'), `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    }
  });
});
