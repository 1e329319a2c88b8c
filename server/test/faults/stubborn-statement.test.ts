import {
  CreatedLoadTestSchema,
  CreatedRunSchema,
  LoadSettingsSchema,
  LoadTestRecordSchema,
  RunSettingsSchema,
} from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createProfiler } from '../../src/engine/profiler';
import { warmGeneratorThreads } from '../../src/load/generator/threads';
import { openLatencyProxy } from '../../src/load/proxy';
import { runLoadTest } from '../../src/load/runner';
import { until } from './helpers';
import { servedApp } from './served-app';
import {
  backendsRunning,
  createStubbornFunction,
  dropFunction,
  noBackendRunning,
  watchTheWorld,
} from './stubborn';

/**
 * A statement that turns its statement_timeout off, renames its session and catches every cancel
 * (issue #12): cleanup goes by the pid its backend reported at startup, and every time limit is
 * also enforced on the client side, so the job ends on time, Stop answers at once, and nothing of
 * it is left on the database.
 */
describe('a statement that dodges its timeout, its cancel and its name', () => {
  const url = inject('demoUrl');
  const fn = 'gs_stubborn_fault';
  // Its owner trusts it (the policy cannot read PL/pgSQL): only the runtime layers stand in its way.
  const trusted = [`public.${fn}`];
  const http = servedApp(url);
  /** A saved connection to the database that trusts the function, as its owner would set it up. */
  let target: { kind: 'connection'; id: string };
  beforeAll(async () => {
    // The load generator's threads start before the clocks below, as after a server's first test.
    await warmGeneratorThreads(2);
    await createStubbornFunction(url, fn);
    const res = await fetch(`${http.base}/api/connections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: http.base },
      body: JSON.stringify({ name: 'own database', url, trustedFunctions: trusted }),
    });
    expect(res.status).toBe(201);
    target = { kind: 'connection', id: ((await res.json()) as { id: string }).id };
  });
  afterAll(() => dropFunction(url, fn));

  it('a 3 s load test ends on time and leaves no backend', { timeout: 30_000 }, async () => {
    const world = await watchTheWorld(url);
    try {
      const t0 = performance.now();
      const out = await runLoadTest({
        testId: 'stubborn-ends',
        url,
        workload: { name: 'stubborn', queries: [{ id: 's', sql: `SELECT ${fn}(60)` }] },
        settings: LoadSettingsSchema.parse({
          strategies: ['sequential'],
          model: { kind: 'closed', vus: 2 },
          durationS: 3,
          poolSize: 2,
          graceMs: 200,
        }),
        signal: new AbortController().signal,
        onEvent: () => {},
        openProxy: openLatencyProxy,
        trustedFunctions: trusted,
      });
      const ms = performance.now() - t0;
      console.log(`stubborn 3 s load test ended after ${Math.round(ms)} ms`);
      expect(out.status).toBe('completed');
      expect(ms).toBeLessThan(3_000 + 200 + 2_500);
      // The in-flight statements were ended at the end of the grace period, not completed.
      expect(out.results[0]!.requests - out.results[0]!.errors).toBe(0);
      await noBackendRunning(url, fn, 1_000);
      await world.check();
    } finally {
      await world.close();
    }
  });

  it('the client-side deadline ends it even while the test runs', { timeout: 30_000 }, async () => {
    const out = await runLoadTest({
      testId: 'stubborn-deadline',
      url,
      workload: { name: 'stubborn', queries: [{ id: 's', sql: `SELECT ${fn}(60)` }] },
      settings: LoadSettingsSchema.parse({
        strategies: ['sequential'],
        model: { kind: 'closed', vus: 1 },
        durationS: 3,
        poolSize: 1,
        graceMs: 0,
      }),
      signal: new AbortController().signal,
      onEvent: () => {},
      openProxy: openLatencyProxy,
      trustedFunctions: trusted,
      limits: { statementTimeoutMs: 500, answerGraceMs: 300 },
    });
    const r = out.results[0]!;
    // Each statement lost its connection 0.8 s in, so several ran (and were ended) in 3 s.
    expect(r.errorsBySqlstate['no-answer']).toBeGreaterThanOrEqual(2);
    await noBackendRunning(url, fn, 1_000);
  });

  it('Stop answers within a second, and a new load test is not refused', { timeout: 30_000 }, async () => {
    const { base } = http;
    const world = await watchTheWorld(url);
    const post = (path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    try {
      const res = await post('/api/load-tests', {
        workload: { name: 'stubborn', queries: [{ id: 's', sql: `SELECT ${fn}(60)` }] },
        target,
        strategies: ['sequential'],
        model: { kind: 'closed', vus: 3 },
        durationS: 60,
        poolSize: 3,
        detached: true,
      });
      expect(res.status).toBe(201);
      const { id } = CreatedLoadTestSchema.parse(await res.json());
      await until(async () => (await backendsRunning(url, fn)).length >= 3, 10_000, 'the test did not start');

      const t0 = performance.now();
      const stop = await post(`/api/load-tests/${id}/stop`);
      const stopMs = performance.now() - t0;
      console.log(`Stop of a stubborn load test answered in ${Math.round(stopMs)} ms`);
      expect(stop.status).toBe(200);
      expect(stopMs).toBeLessThan(1_000);
      const record = LoadTestRecordSchema.parse(
        await (await fetch(`${base}/api/load-tests/${id}`, { headers: { origin: base } })).json(),
      );
      expect(record.status).toBe('cancelled');
      await noBackendRunning(url, fn, 1_000);

      const next = await post('/api/load-tests', {
        workload: { name: 'one', queries: [{ id: 'one', sql: 'SELECT 1' }] },
        target,
        strategies: ['sequential'],
        model: { kind: 'closed', vus: 1 },
        durationS: 1,
        poolSize: 1,
        detached: true,
      });
      expect(next.status).toBe(201);
      const { id: nextId } = CreatedLoadTestSchema.parse(await next.json());
      await post(`/api/load-tests/${nextId}/stop`);
      await world.check();
    } finally {
      await world.close();
    }
  });

  it('Stop of a profile run through the API answers within a second', { timeout: 30_000 }, async () => {
    const { base } = http;
    const world = await watchTheWorld(url);
    const post = (path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    try {
      const res = await post('/api/runs', {
        workload: {
          name: 'stubborn',
          queries: [0, 1].map((i) => ({ id: `s${i}`, sql: `SELECT ${fn}(60)` })),
        },
        target,
        strategies: ['concurrent'],
        trials: 1,
        warmup: 0,
        poolSize: 2,
        detached: true,
      });
      expect(res.status).toBe(201);
      const { id } = CreatedRunSchema.parse(await res.json());
      await until(async () => (await backendsRunning(url, fn)).length >= 2, 10_000, 'the run did not start');
      const t0 = performance.now();
      const stop = await post(`/api/runs/${id}/stop`);
      const stopMs = performance.now() - t0;
      console.log(`Stop of a stubborn profile run answered in ${Math.round(stopMs)} ms`);
      expect(stop.status).toBe(200);
      expect(stopMs).toBeLessThan(1_000);
      await noBackendRunning(url, fn, 1_000);
      await world.check();
    } finally {
      await world.close();
    }
  });

  it('a profile run: the statement fails at its limit plus grace, and Stop ends it', {
    timeout: 30_000,
  }, async () => {
    const world = await watchTheWorld(url);
    const profiler = await createProfiler({
      url,
      workload: { name: 'stubborn', queries: [{ id: 's', sql: `SELECT ${fn}(60)` }] },
      settings: RunSettingsSchema.parse({ strategies: ['sequential'], trials: 1, warmup: 0, poolSize: 1 }),
      trustedFunctions: trusted,
      limits: { statementTimeoutMs: 500, answerGraceMs: 300, readOnly: true },
    });
    try {
      const t0 = performance.now();
      const r = await profiler.runTrial('sequential', { trial: 0 });
      expect(performance.now() - t0).toBeLessThan(5_000);
      expect(r.failed).toBe(true);
      expect(r.spans[0]?.error?.message).toMatch(/no answer/i);
      await noBackendRunning(url, fn, 1_500);
    } finally {
      await profiler.close();
    }
    // With the default limits (30 s), only Stop can end it early.
    const patient = await createProfiler({
      url,
      workload: { name: 'stubborn', queries: [{ id: 's', sql: `SELECT ${fn}(60)` }] },
      settings: RunSettingsSchema.parse({ strategies: ['sequential'], trials: 1, warmup: 0, poolSize: 1 }),
      trustedFunctions: trusted,
    });
    try {
      const stop = new AbortController();
      const trial = patient.runTrial('sequential', { trial: 1, signal: stop.signal });
      await until(async () => (await backendsRunning(url, fn)).length >= 1, 5_000, 'the trial did not start');
      const t1 = performance.now();
      stop.abort();
      const stopped = await trial;
      const stopMs = performance.now() - t1;
      console.log(`Stop of a stubborn profile trial took ${Math.round(stopMs)} ms`);
      expect(stopped.cancelled).toBe(true);
      expect(stopMs).toBeLessThan(1_500);
      await noBackendRunning(url, fn, 1_500);
      await world.check();
    } finally {
      await patient.close();
      await world.close();
    }
  });
});
