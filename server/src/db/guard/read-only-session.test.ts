import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SESSION_RESET_SQL, type SessionViolation, watchSession } from './read-only-session';

const url = () => inject('clusterUrlTemplate').replace('{db}', 'postgres');
const STARTUP = '-c default_transaction_read_only=on -c statement_timeout=4000';

async function guarded(violations: SessionViolation[], readOnly = true): Promise<pg.Client> {
  const c = new pg.Client({
    connectionString: url(),
    options: readOnly ? STARTUP : '',
    application_name: 'gatherscope-guard-test',
  });
  c.on('error', () => {});
  watchSession(c, { readOnly }, (v) => violations.push(v));
  await c.connect();
  return c;
}

describe('watchSession', () => {
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    await admin.query('CREATE TABLE IF NOT EXISTS guard_session_probe (n int); TRUNCATE guard_session_probe');
  });
  afterAll(async () => {
    await admin.query('DROP TABLE IF EXISTS guard_session_probe');
    await admin.end();
  });

  it('leaves a well-behaved session alone', async () => {
    const v: SessionViolation[] = [];
    const c = await guarded(v);
    await c.query({ text: 'SELECT 1', queryMode: 'extended' } as pg.QueryConfig);
    await expect(
      c.query({ text: 'SELECT 2', queryMode: 'extended' } as pg.QueryConfig),
    ).resolves.toBeTruthy();
    await c.query({ text: 'SELECT 1/0' } as pg.QueryConfig).catch(() => {});
    await c.query('SELECT 3');
    expect(v).toEqual([]);
    await c.end();
  });

  it('discards a session switched to read-write before the queued write is sent', async () => {
    const v: SessionViolation[] = [];
    const c = await guarded(v);
    // Both are queued at once, as a strategy issuing queries back to back would.
    const loosen = c.query('SET default_transaction_read_only = off');
    const write = c.query('INSERT INTO guard_session_probe VALUES (1)');
    await loosen;
    await expect(write).rejects.toThrow();
    expect(v.map((x) => x.kind)).toEqual(['read-write']);
    const { rows } = await admin.query('SELECT count(*)::int AS n FROM guard_session_probe');
    expect(rows[0].n).toBe(0);
  });

  it('discards a session left inside a transaction, and the server rolls it back', async () => {
    const v: SessionViolation[] = [];
    const c = await guarded(v, false);
    const begin = c.query('BEGIN');
    const write = c.query('INSERT INTO guard_session_probe VALUES (2)');
    const commit = c.query('COMMIT');
    await begin;
    await expect(write).rejects.toThrow();
    await expect(commit).rejects.toThrow();
    expect(v.map((x) => x.kind)).toEqual(['open-transaction']);
    const { rows } = await admin.query('SELECT count(*)::int AS n FROM guard_session_probe');
    expect(rows[0].n).toBe(0);
  });

  it('discards a session that switched identity', async () => {
    await admin.query(
      'DO $$ BEGIN CREATE ROLE guard_session_other; EXCEPTION WHEN duplicate_object THEN NULL; END $$',
    );
    const v: SessionViolation[] = [];
    const c = await guarded(v, false);
    const sw = c.query('SET SESSION AUTHORIZATION guard_session_other');
    const next = c.query('SELECT 1');
    await sw;
    await expect(next).rejects.toThrow();
    expect(v.map((x) => x.kind)).toEqual(['role']);
    await admin.query('DROP ROLE IF EXISTS guard_session_other');
  });

  it('DISCARD ALL restores the startup settings and releases what a session held', async () => {
    const c = await guarded([], true);
    await c.query("SELECT set_config('statement_timeout', '0', false)");
    await c.query('SELECT pg_advisory_lock(77)');
    await c.query('PREPARE leftover AS SELECT 1');
    await c.query('LISTEN leftover');
    await c.query(SESSION_RESET_SQL);
    const { rows } = await c.query(
      `SELECT current_setting('default_transaction_read_only') AS ro, current_setting('statement_timeout') AS st,
              (SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS locks,
              (SELECT count(*)::int FROM pg_prepared_statements) AS prepared,
              (SELECT count(*)::int FROM pg_listening_channels()) AS channels`,
    );
    expect(rows[0]).toEqual({ ro: 'on', st: '4s', locks: 0, prepared: 0, channels: 0 });
    await c.end();
  });
});
