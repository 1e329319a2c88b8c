import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { probeConnection } from '../../connections/probe';
import { createMetaPool, describeDatabase } from '../postgres';

/** Roles of three kinds on a throwaway database: a superuser, a table owner, a reader. */
describe('role risk in the database description', () => {
  const template = inject('clusterUrlTemplate');
  const suffix = crypto.randomBytes(3).toString('hex');
  const db = `gs_risk_${suffix}`;
  const asRole = (role: string) => {
    const u = new URL(template.replace('{db}', db));
    u.username = role;
    u.password = 'risk-pass';
    return u.toString();
  };
  const admin = async (sql: string, database = db) => {
    const c = new pg.Client({ connectionString: template.replace('{db}', database) });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${db}`, 'postgres');
    await admin(
      `CREATE ROLE gs_owner_${suffix} LOGIN PASSWORD 'risk-pass'; CREATE ROLE gs_reader_${suffix} LOGIN PASSWORD 'risk-pass';
       CREATE TABLE t1 (a int); CREATE TABLE t2 (a int); ALTER TABLE t1 OWNER TO gs_owner_${suffix}; ALTER TABLE t2 OWNER TO gs_owner_${suffix};
       GRANT SELECT ON t1, t2 TO gs_reader_${suffix};`,
    );
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`, 'postgres');
    await admin(
      `DROP ROLE IF EXISTS gs_owner_${suffix}; DROP ROLE IF EXISTS gs_reader_${suffix}`,
      'postgres',
    );
  });

  const describeAs = async (url: string, embedded = false) => {
    const meta = createMetaPool(url);
    try {
      return await describeDatabase(meta, embedded);
    } finally {
      await meta.close();
    }
  };

  it('warns about a superuser on a live database, and not on the embedded demo', async () => {
    const live = await describeAs(template.replace('{db}', db));
    expect(live.risk).toMatchObject({ superuser: true, writableTables: 2 });
    expect(live.risk?.warning).toMatch(/is a superuser.*role that can only read/);
    const demo = await describeAs(template.replace('{db}', db), true);
    expect(demo.risk?.warning).toBeNull();
  });

  it('warns about a role that owns tables', async () => {
    const d = await describeAs(asRole(`gs_owner_${suffix}`));
    expect(d.risk).toMatchObject({ superuser: false, ownedTables: 2 });
    expect(d.risk?.warning).toMatch(/owns 2 tables here and could alter or drop them/);
  });

  it('a saved connection is tested with the same warning', async () => {
    const owner = await probeConnection(asRole(`gs_owner_${suffix}`));
    expect(owner.risk?.warning).toMatch(/owns 2 tables/);
    const reader = await probeConnection(asRole(`gs_reader_${suffix}`));
    expect(reader.risk?.warning).toBeNull();
  });

  it('says nothing for a role that can only read', async () => {
    const d = await describeAs(asRole(`gs_reader_${suffix}`));
    expect(d.risk).toEqual({ superuser: false, ownedTables: 0, writableTables: 0, warning: null });
  });
});
