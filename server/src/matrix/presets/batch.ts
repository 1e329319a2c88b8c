import { formatMs } from '@gatherscope/shared';
import { DEMO_DATABASE } from '../../db/embedded/demo';
import { withClient } from '../../db/postgres';
import { parseDatabaseUrl } from '../../db/target';
import { AppError } from '../../errors/app-error';
import { accessModeFor, policyFor } from '../../guard/workload-policy';
import { arm } from './arms';
import { computeShare, createCpuMeter, shareFacts } from './cpu-meter';
import { httpCall, runTasks, type Task } from './task-runner';
import type { Preset } from './types';

export interface BatchOptions {
  orders: number;
  /** Orders processed at once by the concurrent arm. */
  limit: number;
}

interface Worker {
  query: (sql: string) => Promise<{ rowCount: number | null }>;
  pid: number;
}

const updateSql = (id: number) =>
  `UPDATE orders SET status = 'completed' WHERE id = ${id} AND status = 'pending'`;

/** Writes only ever go to the embedded demo database, and only this one UPDATE (the shared guard's policy). */
async function assertWritableDemo(databaseUrl: string, embedded: boolean): Promise<void> {
  const mode = accessModeFor({ embedded }, true);
  const problem = (await policyFor({ url: databaseUrl, mode })).check(updateSql(1));
  if (problem) throw new Error(`the batch UPDATE is refused: ${problem.message}`);
  if (parseDatabaseUrl(databaseUrl).database !== DEMO_DATABASE) {
    throw new AppError(
      'read_only_violation',
      'The batch preset writes, and writes run only on the embedded demo database.',
      {
        status: 409,
        hint: 'Start Gatherscope without DATABASE_URL to run it on the embedded demo shop; your own database is never written to.',
      },
    );
  }
}

/**
 * Batch processing: pending orders, each needing a payment API call (mock, 200 ms by default) and an
 * UPDATE of the order. Sequential processes one order after another on one connection; concurrent
 * processes `limit` at once, each worker on its own connection. Every worker runs inside a
 * transaction that is rolled back at the end, so the UPDATEs really execute (locks, WAL, index
 * maintenance) but the demo data is never changed, even if the process dies mid-way.
 */
export const batchPreset =
  (opts: BatchOptions = { orders: 100, limit: 10 }): Preset =>
  async (ctx) => {
    await assertWritableDemo(ctx.databaseUrl, ctx.embedded);
    const mock = await ctx.mock();
    const payMs = ctx.latencyMs ?? mock.latencyMs('payments');
    const ids = await withClient(ctx.databaseUrl, async (q) => {
      const r = await q(
        `SELECT id::text AS id FROM orders WHERE status = 'pending' ORDER BY id LIMIT ${opts.orders}`,
      );
      return (r.rows as { id: string }[]).map((x) => Number(x.id)).filter(Number.isSafeInteger);
    });
    if (ids.length < 2) {
      throw new AppError('database_error', 'The demo database has no pending orders to process.', {
        status: 409,
        hint: 'Delete the data directory (.gatherscope/) and start again to re-create the demo shop.',
      });
    }
    const tasks: Task<Worker>[] = ids.map((id) => ({
      id: `order-${id}`,
      run: async (w, signal) => {
        const t0 = performance.now();
        const pay = await httpCall(mock.url('payments', { id, latencyMs: payMs }), signal, {
          method: 'POST',
          json: { orderId: id },
        });
        const t1 = performance.now();
        const r = await w.query(updateSql(id));
        const t2 = performance.now();
        return {
          rows: r.rowCount ?? 0,
          bytes: pay.bytes,
          pid: w.pid,
          phases: [
            { phase: 'executing', start: t0, end: t1 },
            { phase: 'executing', start: t1, end: t2 },
          ],
        };
      },
    }));
    const meter = await createCpuMeter(ctx.databaseUrl);
    const withWorker = (fn: (w: Worker) => Promise<void>, metered = true) =>
      withClient(ctx.databaseUrl, async (q) => {
        await q('BEGIN');
        try {
          await q(`SET LOCAL statement_timeout = '10s'`);
          const pid = Number((await q('SELECT pg_backend_pid() AS pid')).rows[0].pid);
          // Each worker opens its own connection: its backend's CPU is read while it works.
          const work = () => fn({ query: (sql) => q(sql), pid });
          await (metered ? meter.backend(pid, work) : work());
        } finally {
          await q('ROLLBACK');
        }
      });
    const seq = await meter.around(
      () => runTasks(tasks, { strategy: 'sequential', trial: 0, limit: 1, signal: ctx.signal, withWorker }),
      { pids: () => [], wallMs: (r) => r.wallMs, requests: () => ids.length },
    );
    // Only the sequential run is measured: the bounded one's backends must not add to it.
    const share = computeShare(meter.totals(), true);
    const unmetered = (fn: (w: Worker) => Promise<void>) => withWorker(fn, false);
    const conc = await runTasks(tasks, {
      strategy: 'bounded',
      trial: 0,
      limit: opts.limit,
      signal: ctx.signal,
      withWorker: unmetered,
    });
    const failed = [seq, conc].find((t) => t.failed);
    if (failed)
      throw new Error(`the batch failed: ${failed.spans.find((s) => s.error)?.error?.message ?? 'stopped'}`);
    const updated = [...seq.spans, ...conc.spans].filter((s) => s.rows === 1).length;
    const perSec = (t: { wallMs: number }) => (ids.length / t.wallMs) * 1000;
    return {
      setup: `${ids.length} pending orders, mock payment API ${payMs} ms, one trial per strategy; writes rolled back`,
      baseline: arm('sequential', [seq.wallMs], perSec(seq)),
      treatment: arm(`${opts.limit} at once`, [conc.wallMs], perSec(conc)),
      speedup: { estimate: seq.wallMs / conc.wallMs, low: null, high: null },
      computeShare: share.share,
      facts: [
        { label: 'mock latency per call', value: `payments ${payMs} ms` },
        { label: 'orders updated (then rolled back)', value: `${updated} of ${ids.length * 2}` },
        { label: 'model: sequential', value: formatMs(ids.length * payMs) },
        {
          label: `model: ${opts.limit} at once`,
          value: formatMs(Math.ceil(ids.length / opts.limit) * payMs),
        },
        ...shareFacts(share),
      ],
      sampleSpans: [...seq.spans, ...conc.spans],
    };
  };
