import fs from 'node:fs/promises';
import { CreatedRunSchema, RunEventSchema, type Workload } from '@gatherscope/shared';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fixedTarget, postRun as post, type TestRunApp, testRunApp } from '../../test/support/test-app';
import { freePort } from '../db/embedded/free-port';
import { withClient } from '../db/postgres';
import { runProfile } from '../engine/run-profile';
import { catalogFor } from '../guard/workload-policy';
import { AllowedHosts } from '../http/security';
import { readSse } from '../jobs/read-sse';
import { builtinCatalog } from '../workloads/catalog';
import { RunStore } from './store';

const DB = 'gs_runs_it';
const dbUrl = inject('clusterUrlTemplate').replace('{db}', DB);
const adminUrl = inject('clusterUrlTemplate').replace('{db}', 'postgres');
const sleepy: Workload = {
  name: 'sleepy',
  queries: [
    { id: 'a', sql: 'SELECT pg_sleep(20)' },
    { id: 'b', sql: 'SELECT pg_sleep(20)' },
  ],
};

/** Backends on the test database other than ours: what a stopped run must not leave behind. */
async function backendsOnDb(): Promise<number> {
  return withClient(adminUrl, async (q) => {
    const r = await q(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${DB}' AND backend_type = 'client backend'`,
    );
    return (r.rows[0] as { n: number }).n;
  });
}

async function waitFor(cond: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (!(await cond())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return performance.now() - t0;
}

describe('runs against the real engine and PostgreSQL', () => {
  const apps: TestRunApp[] = [];
  beforeAll(async () => {
    await withClient(adminUrl, async (q) => {
      await q(`DROP DATABASE IF EXISTS ${DB}`);
      await q(`CREATE DATABASE ${DB}`);
    });
  });
  afterAll(async () => {
    for (const t of apps) {
      await t.close();
      await fs.rm(t.dataDir, { recursive: true, force: true });
    }
    await withClient(adminUrl, (q) => q(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`));
  });

  it('completes a run of a built-in workload, streams it, and stores a record a new store can read', async () => {
    const t = await testRunApp({
      runProfile,
      url: inject('demoUrl'),
      workloads: builtinCatalog,
      catalogOf: catalogFor,
    });
    apps.push(t);
    const res = await post(t, {
      workload: 'user-dashboard',
      strategies: ['sequential', 'concurrent'],
      trials: 3,
      warmup: 1,
    });
    expect(res.status).toBe(201);
    const { id, eventsUrl } = CreatedRunSchema.parse(await res.json());
    const types: string[] = [];
    for await (const m of readSse((await t.app.request(eventsUrl)).body!)) {
      types.push(RunEventSchema.parse(JSON.parse(m.data)).type);
    }
    expect(types[0]).toBe('run-started');
    expect(types.filter((x) => x === 'span')).toHaveLength(8 * 4);
    expect(types.slice(-2)).toEqual(['summary', 'done']);

    const stored = await (await RunStore.open(t.dataDir, () => {})).get(id);
    expect(stored?.status).toBe('completed');
    expect(stored?.trials).toHaveLength(8);
    expect(stored?.summary?.strategies.map((s) => s.strategy)).toEqual(['sequential', 'concurrent']);
    expect(stored?.trials[0]?.spans[0]?.pid).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toMatch(/postgres:\/\//);
  });

  it('stopping a run cancels its queries on the server: no backend left within 1 s', async () => {
    const t = await testRunApp({
      runProfile,
      url: dbUrl,
      resolveTarget: fixedTarget(dbUrl),
      catalogOf: catalogFor,
    });
    apps.push(t);
    const res = await post(t, {
      workload: sleepy,
      strategies: ['concurrent'],
      trials: 1,
      warmup: 0,
      detached: true,
    });
    const { id } = CreatedRunSchema.parse(await res.json());
    await waitFor(async () => (await backendsOnDb()) >= 2, 10_000);
    const t0 = performance.now();
    const stopped = await t.app.request(`/api/runs/${id}/stop`, { method: 'POST' });
    expect(await stopped.json()).toEqual({ id, status: 'cancelled' });
    await waitFor(async () => (await backendsOnDb()) === 0, 1_000);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it('closing the stream of a non-detached run cancels it after the grace for a reload; a detached run keeps going', {
    timeout: 30_000,
  }, async () => {
    const port = await freePort();
    const t = await testRunApp({
      runProfile,
      url: dbUrl,
      resolveTarget: fixedTarget(dbUrl),
      catalogOf: catalogFor,
      security: { hosts: new AllowedHosts({ port }) },
    });
    apps.push(t);
    const server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port });
    try {
      const base = `http://127.0.0.1:${port}`;
      const start = async (detached: boolean) => {
        const res = await fetch(`${base}/api/runs`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: base },
          body: JSON.stringify({
            workload: sleepy,
            strategies: ['concurrent'],
            trials: 1,
            warmup: 0,
            detached,
          }),
        });
        expect(res.status).toBe(201);
        return CreatedRunSchema.parse(await res.json());
      };
      const watch = async (eventsUrl: string) => {
        const viewer = new AbortController();
        const res = await fetch(`${base}${eventsUrl}`, { signal: viewer.signal, headers: { Origin: base } });
        const reader = res.body!.getReader();
        await reader.read(); // the stream is open
        await waitFor(async () => (await backendsOnDb()) >= 2, 10_000);
        viewer.abort(); // the tab closes
        return performance.now();
      };

      const run = await start(false);
      const closedAt = await watch(run.eventsUrl);
      const grace = t.runs.viewerGraceMs;
      await waitFor(async () => (await backendsOnDb()) === 0, grace + 2_000);
      const cancelMs = performance.now() - closedAt;
      // A reload reconnects inside the grace; after it, nothing is left on the database within 2 s.
      expect(cancelMs).toBeGreaterThan(grace - 500);
      expect(cancelMs).toBeLessThan(grace + 2_000);
      await waitFor(async () => (await t.runs.get(run.id))?.status === 'cancelled', 2_000);
      expect((await t.runs.get(run.id))?.error?.message).toBe('Stopped: its page was closed.');

      const kept = await start(true);
      await watch(kept.eventsUrl);
      await new Promise((r) => setTimeout(r, 1_200));
      expect((await t.runs.get(kept.id))?.status).toBe('running');
      expect(await backendsOnDb()).toBeGreaterThanOrEqual(2);
      await t.runs.stop(kept.id);
      expect(await backendsOnDb()).toBe(0);
    } finally {
      server.close();
    }
  });
});
