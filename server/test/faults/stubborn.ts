import type pg from 'pg';
import { expect } from 'vitest';
import { adminClient, adminQuery } from '../pg-admin';
import { until } from './helpers';

/**
 * A function that dodges every cleanup keyed on what a statement can change: it turns its own
 * statement_timeout off, renames its session (`application_name`), and sleeps, catching every
 * cancel (statement timeout or pg_cancel_backend) and sleeping again. Marked STABLE, as a careless
 * (or hostile) owner may mark it, so a policy that trusts the catalog lets it run. Only ending its
 * backend by pid stops it.
 */
export async function createStubbornFunction(url: string, name: string): Promise<void> {
  await adminQuery(
    url,
    `CREATE OR REPLACE FUNCTION public.${name}(secs float8) RETURNS int LANGUAGE plpgsql STABLE AS $f$
     BEGIN
       PERFORM set_config('statement_timeout', '0', false);
       PERFORM set_config('application_name', 'x', false);
       FOR i IN 1..100000 LOOP
         BEGIN
           PERFORM pg_sleep(secs);
           RETURN 1;
         EXCEPTION WHEN query_canceled THEN NULL;
         END;
       END LOOP;
       RETURN 0;
     END $f$`,
  );
}

export async function dropFunction(url: string, name: string): Promise<void> {
  await adminQuery(url, `DROP FUNCTION IF EXISTS public.${name}(float8)`);
}

/** Backends (anyone's, whatever their application_name) whose statement calls `marker`. */
export async function backendsRunning(url: string, marker: string): Promise<number[]> {
  const rows = await adminQuery<{ pid: number }>(
    url,
    `SELECT pid FROM pg_stat_activity
      WHERE query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()
        AND query NOT LIKE '%pg_stat_activity%'`,
    [marker],
  );
  return rows.map((r) => r.pid);
}

export async function noBackendRunning(url: string, marker: string, timeoutMs = 3_000): Promise<void> {
  await until(
    async () => (await backendsRunning(url, marker)).length === 0,
    timeoutMs,
    `${marker} still running`,
  );
}

interface World {
  users: number;
  orders: number;
  statementTimeout: string;
  applicationName: string;
}

/**
 * What must be the same before and after an attack: the data, the settings a new session gets,
 * and another application's session, which stays connected and keeps its own settings.
 */
export async function watchTheWorld(
  url: string,
): Promise<{ check(): Promise<void>; close(): Promise<void> }> {
  const other: pg.Client = await adminClient(url);
  const read = async (): Promise<World> => {
    const [r] = await adminQuery<{ users: number; orders: number; st: string }>(
      url,
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM orders)::int AS orders,
              current_setting('statement_timeout') AS st`,
    );
    const app = await other.query<{ a: string }>(`SELECT current_setting('application_name') AS a`);
    return {
      users: r!.users,
      orders: r!.orders,
      statementTimeout: r!.st,
      applicationName: app.rows[0]!.a,
    };
  };
  const before = await read();
  return {
    async check() {
      expect(await read()).toEqual(before);
    },
    async close() {
      await other.end().catch(() => {});
    },
  };
}
