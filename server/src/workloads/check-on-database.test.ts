import { type Workload, WorkloadCheckSchema } from '@gatherscope/shared';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withClient } from '../db/postgres';
import { isAppError } from '../errors/app-error';
import { handleError } from '../http/error-handler';
import type { ResolvedTarget } from '../targets/targets';
import { assertWorkloadRuns, checkWorkload } from './check-on-database';
import { workloadRoutes } from './routes';

const demoUrl = inject('demoUrl');
const emptyUrl = inject('clusterUrlTemplate').replace('{db}', 'gs_check_empty');
const adminUrl = inject('clusterUrlTemplate').replace('{db}', 'postgres');

const target = (url: string, over: Partial<ResolvedTarget['database']> = {}): ResolvedTarget => ({
  url,
  database: { name: 'db', label: 'Test', serverVersion: '18', embedded: false, ...over },
  readOnly: true,
});

const workload: Workload = {
  name: 'mixed',
  queries: [
    { id: 'user', sql: 'SELECT id, email, created_at FROM users WHERE id = $1', params: [1] },
    { id: 'typo', sql: 'SELECT id, emial FROM users' },
    { id: 'syntax', sql: 'SELEC 1' },
    { id: 'write', sql: 'DELETE FROM users' },
  ],
};

beforeAll(async () => {
  await withClient(adminUrl, async (q) => {
    await q('DROP DATABASE IF EXISTS gs_check_empty');
    await q('CREATE DATABASE gs_check_empty');
  });
});
afterAll(async () => {
  await withClient(adminUrl, (q) => q('DROP DATABASE IF EXISTS gs_check_empty WITH (FORCE)'));
});

describe('checking a workload on its database', () => {
  it('describes good queries and names the bad ones in the database’s words, without running any', async () => {
    await withClient(demoUrl, (q) => q('CREATE TABLE IF NOT EXISTS check_probe (n int)'));
    const probe: Workload = {
      name: 'probe',
      queries: [{ id: 'ins', sql: 'INSERT INTO check_probe VALUES (1) RETURNING n' }],
    };
    const writable = { ...target(demoUrl), readOnly: false };
    const [ins] = await checkWorkload(probe, writable);
    expect(ins).toEqual({ ok: true, queryId: 'ins', columns: [{ name: 'n', type: 'integer' }] });
    // Described, never executed: the insert did not happen.
    const rows = await withClient(demoUrl, (q) => q('SELECT count(*)::int AS n FROM check_probe'));
    expect(rows.rows[0]).toEqual({ n: 0 });

    const checks = await checkWorkload(workload, target(demoUrl));
    expect(checks[0]).toEqual({
      ok: true,
      queryId: 'user',
      columns: [
        { name: 'id', type: 'bigint' },
        { name: 'email', type: 'text' },
        { name: 'created_at', type: 'timestamp with time zone' },
      ],
    });
    expect(checks[1]).toMatchObject({
      ok: false,
      error: { sqlstate: '42703', message: expect.stringContaining('emial'), position: 12 },
    });
    // Refused by the policy (PostgreSQL's parser) before anything is sent to the database.
    expect(checks[2]).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/syntax error at or near "SELEC"/) },
    });
    expect(checks[3]).toMatchObject({ ok: false, error: { message: expect.stringContaining('read-only') } });
  });

  it('refuses to start a run with the per-query issues at workload.queries.N.sql', async () => {
    const err = await assertWorkloadRuns(workload, target(demoUrl), false).catch((e: unknown) => e);
    expect(isAppError(err)).toBe(true);
    if (!isAppError(err)) return;
    expect(err.status).toBe(400);
    const issues = err.details?.issues as { path: string; message: string }[];
    expect(issues.map((i) => i.path)).toEqual([
      'workload.queries.1.sql',
      'workload.queries.2.sql',
      'workload.queries.3.sql',
    ]);
    expect(issues[0]?.message).toMatch(/column "emial" does not exist \(at line 1, column 12\)/);
  });

  it('says a built-in workload needs the demo tables on a database without them', async () => {
    const builtin: Workload = { name: 'user-dashboard', queries: [workload.queries[0]!] };
    const err = await assertWorkloadRuns(
      builtin,
      target(emptyUrl, { label: 'Staging', name: 'gs_check_empty' }),
      true,
    ).catch((e: unknown) => e);
    expect(isAppError(err) && err.message).toMatch(
      /built-in workload "user-dashboard" needs the demo shop's tables .* Staging \(gs_check_empty\) does not have them: relation "users" does not exist/,
    );
  });

  it('answers POST /api/workloads/check with one result per query', async () => {
    const app = new Hono();
    app.onError(handleError(() => {}));
    app.route('/api/workloads', workloadRoutes({ resolveTarget: async () => target(demoUrl) }));
    const res = await app.request('/api/workloads/check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ workload: 'user-dashboard' }),
    });
    expect(res.status).toBe(200);
    const body = WorkloadCheckSchema.parse(await res.json());
    expect(body.queries.length).toBeGreaterThan(0);
    expect(body.queries.every((q) => q.ok)).toBe(true);
  });
});
