import crypto from 'node:crypto';
import type pg from 'pg';
import { type AdminSession, type AdminTarget, adminClient, adminQuery, adminRead } from '../pg-admin';

/** Superuser URL of a database on the test cluster. */
export const dbUrl = (template: string, db: string) => template.replace('{db}', db);

/**
 * A throwaway database with data worth protecting and the traps a real schema can hold: a
 * function that writes, one that takes an advisory lock, one that loosens the session, a
 * procedure, a sequence.
 */
export async function createVictimDatabase(template: string, prefix: string): Promise<string> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(dbUrl(template, 'postgres'), `CREATE DATABASE ${name}`);
  const url = dbUrl(template, name);
  await adminQuery(
    url,
    `CREATE TABLE accounts (id serial PRIMARY KEY, owner text NOT NULL, balance int NOT NULL);
     INSERT INTO accounts (owner, balance) SELECT 'owner ' || g, g * 10 FROM generate_series(1, 200) g;
     CREATE TABLE audit (id bigserial PRIMARY KEY, note text);
     CREATE SEQUENCE tickets;
     CREATE FUNCTION bump() RETURNS int LANGUAGE plpgsql AS $$ BEGIN UPDATE accounts SET balance = balance + 1; RETURN 1; END $$;
     CREATE FUNCTION grab_lock() RETURNS bool LANGUAGE sql AS $$ SELECT pg_try_advisory_lock(4242) $$;
     CREATE FUNCTION loosen() RETURNS text LANGUAGE sql AS $$ SELECT set_config('default_transaction_read_only', 'off', false) $$;
     CREATE PROCEDURE drain() LANGUAGE sql AS $$ DELETE FROM accounts $$;
     CREATE VIEW rich AS SELECT * FROM accounts WHERE balance > 1000;`,
  );
  return url;
}

export async function dropDatabase(template: string, name: string): Promise<void> {
  await adminQuery(dbUrl(template, 'postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/**
 * Everything an attack could change, as one string: every row of every table, sequence positions,
 * the set of relations and functions, large objects, prepared transactions.
 */
export async function checksum(db: AdminTarget): Promise<string> {
  const rows = await adminRead<{ sum: string }>(
    db,
    `SELECT concat_ws('|',
       (SELECT md5(string_agg(a::text, ',' ORDER BY id)) FROM accounts a),
       (SELECT md5(coalesce(string_agg(a::text, ',' ORDER BY id), '')) FROM audit a),
       (SELECT last_value::text || is_called::text FROM tickets),
       (SELECT last_value::text || is_called::text FROM accounts_id_seq),
       (SELECT md5(string_agg(relname || relkind::text, ',' ORDER BY relname)) FROM pg_class WHERE relnamespace = 'public'::regnamespace),
       (SELECT md5(string_agg(proname, ',' ORDER BY proname)) FROM pg_proc WHERE pronamespace = 'public'::regnamespace),
       (SELECT count(*) FROM pg_largeobject_metadata),
       (SELECT count(*) FROM pg_prepared_xacts)
     ) AS sum`,
  );
  return String(rows[0]?.sum);
}

/** Session state of a backend seen from outside: advisory locks it holds. */
export async function advisoryLocksHeld(db: AdminTarget, pid: number): Promise<number> {
  const rows = await adminRead<{ n: number }>(
    db,
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = $1`,
    [pid],
  );
  return Number(rows[0]?.n);
}

export const dbName = (url: string) => new URL(url).pathname.slice(1);

/** A session in the middle of reading `accounts`: it holds ACCESS SHARE until ended. */
export async function holdReadLock(url: string): Promise<pg.Client> {
  const c = await adminClient(url);
  await c.query('BEGIN; SELECT count(*) FROM accounts');
  return c;
}

/**
 * Everything outside a table's rows that a statement could change and a ROLLBACK would not undo,
 * read in one admin session: the data checksum, replication slots, large objects, locks held by
 * others, every setting a new session gets, collations, the table's file (VACUUM FULL rewrites it).
 * A session that stays open sees the settings a new one gets: a reload (ALTER SYSTEM) reaches it too,
 * and what applies only at connection (ALTER DATABASE/ROLE … SET) is read from pg_db_role_setting.
 */
export async function serverState(db: AdminSession): Promise<Record<string, unknown>> {
  const one = (sql: string) => db.query(sql);
  return {
    data: await checksum(db),
    slots: await one(
      `SELECT slot_name, restart_lsn::text, confirmed_flush_lsn::text FROM pg_replication_slots ORDER BY 1`,
    ),
    largeObjects: await one(`SELECT oid::text FROM pg_largeobject_metadata ORDER BY 1`),
    locks: await one(
      `SELECT locktype, mode, relation::regclass::text AS rel, objid::text FROM pg_locks
        WHERE pid <> pg_backend_pid() AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY 1, 2, 3, 4`,
    ),
    settings: await one(
      `SELECT md5(string_agg(name || '=' || setting, ',' ORDER BY name)) AS s FROM pg_settings
        UNION ALL SELECT md5(coalesce(string_agg(setconfig::text, ',' ORDER BY setconfig::text), '')) FROM pg_db_role_setting`,
    ),
    collations: await one(`SELECT count(*)::int AS n FROM pg_collation`),
    accountsFile: await one(`SELECT pg_relation_filenode('accounts')::text AS f`),
  };
}

/**
 * Another application's session on the database: it listens on a channel and must still be alive,
 * and have heard nothing, after an attack.
 */
export async function bystander(url: string, channel: string) {
  const c = await adminClient(url);
  const heard: string[] = [];
  c.on('notification', (n) => heard.push(`${n.channel}:${n.payload ?? ''}`));
  await c.query(`LISTEN ${channel}`);
  const pid = Number((await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
  return {
    pid,
    heard,
    /** Answers a query, i.e. was neither terminated nor cancelled into a broken state. */
    alive: async () => (await c.query('SELECT 1 AS ok')).rows[0]?.ok === 1,
    end: () => c.end().catch(() => {}),
  };
}
