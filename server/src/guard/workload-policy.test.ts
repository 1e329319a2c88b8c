import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery } from '../../test/pg-admin';
import { createVictimDatabase, dbName, dropDatabase } from '../../test/security/fixture';
import { readCatalogVersion } from '../db/guard/catalog-read';
import { AppError } from '../errors/app-error';
import { accessModeFor, assertWorkloadAllowed, catalogFor } from './workload-policy';

describe('assertWorkloadAllowed and the cached catalog', () => {
  const template = inject('clusterUrlTemplate');
  let url: string;
  beforeAll(async () => {
    url = await createVictimDatabase(template, 'gs_catalog');
  });
  afterAll(async () => {
    if (url) await dropDatabase(template, dbName(url));
  });

  const uses = (fn: string) => ({ name: 'w', queries: [{ id: 'q', sql: `SELECT ${fn}(1)` }] });

  it('confirms a refusal on a fresh catalog: a function created after the last read is known', async () => {
    await catalogFor(url); // cached now, without the function
    await adminQuery(
      url,
      'CREATE FUNCTION twice(int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT $1 * 2 $$',
    );
    await expect(assertWorkloadAllowed(uses('twice'), { url, mode: 'read-only' })).resolves.toBeUndefined();
  });

  it('still refuses what the fresh catalog refuses', async () => {
    await catalogFor(url);
    await adminQuery(
      url,
      'CREATE FUNCTION spend(int) RETURNS int LANGUAGE sql VOLATILE AS $$ UPDATE accounts SET balance = balance - $1 RETURNING 1 $$',
    );
    await expect(assertWorkloadAllowed(uses('spend'), { url, mode: 'read-only' })).rejects.toMatchObject({
      code: 'read_only_violation',
    });
  });

  it('keeps a refusal on a cached catalog whose fingerprint still matches, without reading it again', async () => {
    const cached = catalogFor(url);
    await cached;
    await expect(
      assertWorkloadAllowed(uses('pg_terminate_backend'), { url, mode: 'read-only' }),
    ).rejects.toMatchObject({ code: 'read_only_violation' });
    expect(catalogFor(url)).toBe(cached);
  });

  it('reads again when a function changed since: ALTER … IMMUTABLE lets it through', async () => {
    await adminQuery(url, 'CREATE FUNCTION later(int) RETURNS int LANGUAGE sql VOLATILE AS $$ SELECT $1 $$');
    const cached = catalogFor(url);
    await expect(assertWorkloadAllowed(uses('later'), { url, mode: 'read-only' })).rejects.toMatchObject({
      code: 'read_only_violation',
    });
    await adminQuery(url, 'ALTER FUNCTION later(int) IMMUTABLE');
    await expect(assertWorkloadAllowed(uses('later'), { url, mode: 'read-only' })).resolves.toBeUndefined();
    expect(catalogFor(url)).not.toBe(cached);
  });
});

describe('the catalog fingerprint', () => {
  const template = inject('clusterUrlTemplate');
  let url: string;
  beforeAll(async () => {
    url = await createVictimDatabase(template, 'gs_version');
  });
  afterAll(async () => {
    if (url) await dropDatabase(template, dbName(url));
  });

  it('is the same while nothing changes, and differs after each kind of change the policy reads', async () => {
    const seen = [await readCatalogVersion(url)];
    expect(await readCatalogVersion(url)).toBe(seen[0]);
    for (const ddl of [
      'CREATE FUNCTION f1(int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$',
      'ALTER FUNCTION f1(int) VOLATILE',
      'CREATE OR REPLACE FUNCTION f1(int) RETURNS int LANGUAGE sql VOLATILE AS $$ SELECT $1 + 1 $$',
      'CREATE OR REPLACE VIEW rich AS SELECT * FROM accounts WHERE balance > 2000',
      'CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq)',
      'CREATE DOMAIN positive AS int CHECK (VALUE > 0)',
      'ALTER TABLE accounts ENABLE ROW LEVEL SECURITY; CREATE POLICY mine ON accounts USING (true)',
      'CREATE SCHEMA other',
      `ALTER DATABASE ${dbName(url)} SET search_path = other, public`,
      'DROP FUNCTION f1(int)',
    ]) {
      await adminQuery(url, ddl);
      const now = await readCatalogVersion(url);
      expect(seen, ddl).not.toContain(now);
      seen.push(now);
    }
  });

  it('is the one a catalog read carries', async () => {
    const catalog = await catalogFor(url);
    expect(catalog.version).toBe(await readCatalogVersion(url));
  });
});

describe('assertWorkloadAllowed and accessModeFor', () => {
  it('names every refused query in the error issues', async () => {
    const workload = {
      name: 'w',
      queries: [
        { id: 'ok', sql: 'SELECT 1' },
        { id: 'bad', sql: 'DELETE FROM users' },
        { id: 'worse', sql: 'SELECT pg_advisory_lock(1)' },
      ],
    };
    const err = await assertWorkloadAllowed(workload, { url: inject('demoUrl'), mode: 'read-only' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('read_only_violation');
    expect(e.status).toBe(400);
    expect(e.hint).toMatch(/only reads/);
    expect(e.details?.issues).toEqual([
      { path: 'queries.1.sql', message: expect.stringMatching(/query "bad" is refused: DELETE writes/) },
      { path: 'queries.2.sql', message: expect.stringMatching(/query "worse" is refused/) },
    ]);
  });

  it('grants writes on the embedded demo or an opted-in connection only', () => {
    expect(accessModeFor({ embedded: false }, false)).toBe('read-only');
    expect(accessModeFor({ embedded: true }, true)).toBe('read-write');
    expect(accessModeFor({ embedded: false, writesEnabled: true }, true)).toBe('read-write');
    expect(() => accessModeFor({ embedded: false }, true)).toThrow(/Writes are not enabled/);
    expect(() => accessModeFor({ embedded: false, writesEnabled: false }, true)).toThrow(AppError);
  });
});
