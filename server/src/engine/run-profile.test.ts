import { type RunEvent, RunEventSchema, RunSettingsSchema, type Workload } from '@gatherscope/shared';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '../db/embedded/free-port';
import { startLatencyProxy } from '../proxy/latency-proxy';
import { getBuiltinWorkload } from '../workloads/builtin';
import { runProfile, trialSchedule } from './run-profile';

const settings = (over: object) =>
  RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'], ...over });

async function activity(marker: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: inject('demoUrl') });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()',
      [`%${marker}%`],
    );
    return rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}

describe('runProfile', () => {
  it('interleaves strategies after the warm-up and streams spans, trials, then the summary', async () => {
    const events: RunEvent[] = [];
    const s = settings({ trials: 2, warmup: 1 });
    const r = await runProfile({
      url: inject('demoUrl'),
      workload: getBuiltinWorkload('user-dashboard'),
      settings: s,
      signal: new AbortController().signal,
      onEvent: (e) => events.push(RunEventSchema.parse(e)),
    });
    expect(r.status).toBe('completed');
    expect(r.error).toBeNull();
    const order = trialSchedule(s);
    expect(order.map((o) => `${o.strategy}${o.trial}`)).toEqual([
      'sequential-1',
      'concurrent-1',
      'sequential0',
      'concurrent0',
      'sequential1',
      'concurrent1',
    ]);
    expect(r.trials.map((t) => `${t.strategy}${t.trial}`)).toEqual(
      order.map((o) => `${o.strategy}${o.trial}`),
    );
    expect(r.trials[0]!.warmup).toBe(true);
    // Each trial keeps its wall-clock start, in order, within the run's own time.
    const starts = r.trials.map((t) => t.startedAt!);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts[0]!).toBeGreaterThan(Date.now() - 60_000);
    expect(starts.at(-1)!).toBeLessThanOrEqual(Date.now());
    // Four spans, then the trial, for each trial; the summary comes last.
    const types = events.map((e) => e.type);
    expect(types).toEqual(
      [...Array(6)].flatMap(() => ['span', 'span', 'span', 'span', 'trial']).concat('summary'),
    );
    const trialEvents = events.filter((e) => e.type === 'trial');
    expect(trialEvents.map((e) => e.trial)).toEqual([-1, -1, 0, 0, 1, 1]);
    expect(r.summary!.strategies.map((x) => x.wallMs.n)).toEqual([2, 2]);
    expect(r.summary!.strategies[0]!.perQuery.map((q) => q.queryId)).toEqual([
      'user',
      'recent_orders',
      'favorites',
      'recent_reviews',
    ]);
  });

  it('keeps going when one query fails: an error span, the others complete', async () => {
    const workload: Workload = {
      name: 'one bad',
      queries: [
        { id: 'good1', sql: 'SELECT count(*) FROM users' },
        { id: 'bad', sql: 'SELECT no_such_column FROM users' },
        { id: 'good2', sql: 'SELECT 1 AS one' },
      ],
    };
    const r = await runProfile({
      url: inject('demoUrl'),
      workload,
      settings: settings({ trials: 2, warmup: 0 }),
      signal: new AbortController().signal,
      onEvent: () => {},
    });
    // A query that failed in every trial makes the run a failure, in the database's words.
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({
      code: 'query_failed',
      message: expect.stringMatching(
        /^Every measured trial of query "bad" failed: column "no_such_column" does not exist \(SQLSTATE 42703\)\.$/,
      ),
    });
    const spans = r.trials.flatMap((t) => t.spans);
    expect(spans.filter((s) => s.queryId === 'bad').every((s) => s.error?.sqlstate === '42703')).toBe(true);
    expect(spans.filter((s) => s.queryId !== 'bad').every((s) => !s.error && s.rows === 1)).toBe(true);
    expect(r.summary!.strategies[0]!.failedTrials).toBe(2);
    expect(r.summary!.strategies[0]!.perQuery.find((q) => q.queryId === 'bad')!.errors).toBe(2);
    // Every trial failed: nothing is measured, and the verdict says why in the database's words.
    expect(r.summary!.strategies[0]!.wallMs.n).toBe(0);
    expect(r.summary!.strategies[0]!.errors).toEqual([
      expect.objectContaining({ queryId: 'bad', kind: 'query', sqlstate: '42703', count: 2 }),
    ]);
    expect(r.summary!.verdict).toMatch(
      /^The run could not be measured: query "bad" failed: column "no_such_column" does not exist \(SQLSTATE 42703\)/,
    );
  });

  it('stops on abort: cancels the statements on the server, no backend left within 1 s', async () => {
    const marker = `stop_test_${Date.now()}`;
    const workload: Workload = {
      name: 'sleepers',
      queries: [1, 2, 3].map((i) => ({ id: `sleep${i}`, sql: `SELECT pg_sleep(20) AS ${marker}_${i}` })),
    };
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const running = runProfile({
      url: inject('demoUrl'),
      workload,
      settings: settings({ strategies: ['concurrent', 'sequential'], trials: 5, warmup: 0 }),
      signal: controller.signal,
      onEvent: (e) => events.push(e),
    });
    let pids: number[] = [];
    for (let i = 0; i < 100 && pids.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      pids = await activity(marker);
    }
    expect(pids).toHaveLength(3);
    const stoppedAt = performance.now();
    controller.abort();
    const r = await running;
    expect(performance.now() - stoppedAt).toBeLessThan(1000);
    expect(await activity(marker)).toEqual([]);
    expect(r.status).toBe('cancelled');
    expect(r.trials).toHaveLength(1);
    expect(r.trials[0]!.spans.map((s) => s.error?.kind)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(r.summary).toBeNull();
    expect(events.filter((e) => e.type === 'span')).toHaveLength(3);
  });

  it('fails with a clear error when the database cannot be reached', async () => {
    const port = await freePort();
    const events: RunEvent[] = [];
    const r = await runProfile({
      url: `postgres://nobody:secret@127.0.0.1:${port}/nothing`,
      workload: getBuiltinWorkload('trivial'),
      settings: settings({ trials: 1, warmup: 0 }),
      signal: new AbortController().signal,
      onEvent: (e) => events.push(e),
    });
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ code: 'database_unreachable' });
    expect(r.error!.message).toContain(`127.0.0.1:${port}`);
    expect(r.error!.message).not.toContain('secret');
    expect(r.error!.hint).toBeTruthy();
    expect(events).toEqual([{ type: 'error', ...r.error }]);
  });

  it('names the real cause when the unreachable database is behind the latency proxy', async () => {
    const port = await freePort();
    const r = await runProfile({
      url: `postgres://nobody@127.0.0.1:${port}/nothing`,
      workload: getBuiltinWorkload('trivial'),
      settings: settings({ trials: 1, warmup: 0, rttMs: 20 }),
      signal: new AbortController().signal,
      onEvent: () => {},
    });
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ code: 'database_unreachable' });
    expect(r.error!.message).toMatch(/connection refused/);
  });

  it('stops a run behind the latency proxy in the middle of a simulated delay, within a second', async () => {
    const controller = new AbortController();
    const running = runProfile({
      url: inject('demoUrl'),
      workload: getBuiltinWorkload('slow-dashboard'),
      settings: settings({
        strategies: ['sequential'],
        trials: 10,
        warmup: 0,
        rttMs: 50,
        coldConnections: true,
      }),
      signal: controller.signal,
      onEvent: () => {},
    });
    await new Promise((r) => setTimeout(r, 600));
    const stoppedAt = performance.now();
    controller.abort();
    const r = await running;
    expect(performance.now() - stoppedAt).toBeLessThan(1000);
    expect(r.status).toBe('cancelled');
    const last = r.trials.at(-1)!;
    expect(last.failed).toBe(true);
    expect(last.spans.some((s) => s.error?.kind === 'cancelled')).toBe(true);
  });

  it('ends failed with the trials so far when the database goes away mid-run', async () => {
    // A plain TCP forwarder (no delay) that can be pulled out from under the run.
    const demo = new URL(inject('demoUrl'));
    const plug = await startLatencyProxy({
      targetHost: demo.hostname,
      targetPort: Number(demo.port),
      rttMs: 0,
    });
    const viaPlug = new URL(demo);
    viaPlug.port = String(plug.port);
    const events: RunEvent[] = [];
    const r = await runProfile({
      url: viaPlug.toString(),
      workload: getBuiltinWorkload('slow-dashboard'),
      settings: settings({ strategies: ['concurrent'], trials: 50, warmup: 0 }),
      signal: new AbortController().signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'trial' && e.trial === 1) void plug.close();
      },
    });
    expect(r.status).toBe('failed');
    expect(r.error).toMatchObject({ code: 'database_unreachable' });
    expect(r.trials.length).toBeGreaterThanOrEqual(3);
    expect(r.trials.length).toBeLessThan(10);
    expect(r.trials.slice(0, 2).every((t) => !t.failed)).toBe(true);
    expect(r.summary!.strategies[0]!.wallMs.n).toBe(2);
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'database_unreachable' });
  });
});
