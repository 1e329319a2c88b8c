import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery } from '../../test/pg-admin';
import { createVictimDatabase, dbName, dropDatabase } from '../../test/security/fixture';
import { assertWorkloadAllowed, catalogFor } from './workload-policy';

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
});
