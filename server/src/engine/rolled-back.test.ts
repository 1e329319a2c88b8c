import { RunSettingsSchema, type Span, type StrategyName, type Workload } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminClient, adminQuery } from '../../test/pg-admin';
import { isAppError } from '../errors/app-error';
import { createProfiler } from './profiler';

/**
 * A request that writes, replayed on the demo shop under every strategy: its writes and what must
 * see them run in one transaction on one connection, in order, rolled back at the end of every
 * trial; the independent reads run beside it. The user and product ids are this file's own.
 */
const url = inject('demoUrl');
const USER = 4991;
let product = 0;

const STRATEGIES: StrategyName[] = [
  'sequential',
  'concurrent',
  'bounded',
  'dependency-aware',
  'single-connection',
  'pipelined',
];
const ONE_CONNECTION = new Set<StrategyName>(['sequential', 'single-connection', 'pipelined']);

const ref = (query: string, column: string) => ({ kind: 'ref' as const, query, column });
const workload = (): Workload => ({
  name: 'favourite and rename',
  queries: [
    { id: 'user', sql: `SELECT id, name FROM users WHERE id = ${USER}` },
    { id: 'products', sql: 'SELECT count(*) AS n FROM products' },
    // Reads the table before the write: it must not see it (the write waits for it).
    {
      id: 'before',
      sql: `SELECT 1 FROM favorites WHERE user_id = $1 AND product_id = ${product}`,
      params: [ref('user', 'id')],
      dependsOn: ['user'],
    },
    {
      id: 'favourite',
      sql: `INSERT INTO favorites (user_id, product_id, created_at) VALUES ($1, ${product}, now()) RETURNING user_id`,
      params: [ref('user', 'id')],
      dependsOn: ['user', 'before'],
    },
    {
      id: 'rename',
      sql: "UPDATE users SET name = name || ' (renamed)' WHERE id = $1 RETURNING name",
      params: [ref('favourite', 'user_id')],
      dependsOn: ['user', 'favourite'],
    },
    // Read after the writes: only inside their transaction do they see them.
    {
      id: 'after',
      sql: `SELECT 1 FROM favorites WHERE user_id = $1 AND product_id = ${product}`,
      params: [ref('user', 'id')],
      dependsOn: ['favourite'],
    },
    {
      id: 'renamed',
      sql: `SELECT name FROM users WHERE id = ${USER} AND name LIKE '%(renamed)'`,
      dependsOn: ['rename'],
    },
    { id: 'reviews', sql: `SELECT count(*) AS n FROM reviews WHERE user_id = ${USER}` },
  ],
});
const inTransaction = ['favourite', 'rename', 'after', 'renamed'];
const settings = RunSettingsSchema.parse({
  strategies: STRATEGIES,
  poolSize: 4,
  boundedK: 3,
  rolledBack: inTransaction,
});

/** What the replay may not change: the rows it writes, and nothing left holding a lock or a transaction. */
async function state() {
  const [row] = await adminQuery<{ favs: string; name: string; checksum: string }>(
    url,
    `SELECT (SELECT count(*) FROM favorites WHERE user_id = $1)::text AS favs,
            (SELECT name FROM users WHERE id = $1) AS name,
            (SELECT md5(string_agg(f::text, ',' ORDER BY user_id, product_id)) FROM favorites f WHERE user_id = $1) AS checksum`,
    [USER],
  );
  return row;
}
/** Backends of these pids still in a transaction or holding a write lock (other test files run beside this one). */
const leftovers = (pids: number[]) =>
  adminQuery<{ pid: number; state: string }>(
    url,
    `SELECT a.pid, a.state FROM pg_stat_activity a
      WHERE a.pid = ANY($1)
        AND (a.state LIKE 'idle in transaction%'
             OR EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                         WHERE l.pid = a.pid AND c.relname IN ('users', 'favorites') AND l.mode = 'RowExclusiveLock'))`,
    [pids],
  );
/** Whether any of these backends is still there, after the profiler closed (it ends them). */
async function stillThere(pids: number[]): Promise<number[]> {
  for (let i = 0; ; i++) {
    const rows = await adminQuery<{ pid: number }>(
      url,
      'SELECT pid FROM pg_stat_activity WHERE pid = ANY($1)',
      [pids],
    );
    if (rows.length === 0 || i >= 40) return rows.map((r) => r.pid);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  const [row] = await adminQuery<{ id: string }>(
    url,
    'SELECT min(p.id)::text AS id FROM products p WHERE NOT EXISTS (SELECT 1 FROM favorites f WHERE f.user_id = $1 AND f.product_id = p.id)',
    [USER],
  );
  product = Number(row!.id);
});

describe('a replay that writes, in a transaction that is rolled back', () => {
  const before: { value?: Awaited<ReturnType<typeof state>> } = {};
  afterAll(async () => {
    if (before.value) expect(await state()).toEqual(before.value);
  });

  it('runs the writes and what must see them on one connection, in order, under every strategy', async () => {
    before.value = await state();
    const w = workload();
    const profiler = await createProfiler({ url, workload: w, settings });
    const byId = (spans: Span[], id: string) => spans.find((s) => s.queryId === id)!;
    const sent = (s: Span) => s.phases.find((p) => p.phase === 'executing')!.start;
    const pids: number[] = [];
    try {
      for (const strategy of STRATEGIES) {
        for (const trial of [0, 1]) {
          const r = await profiler.runTrial(strategy, { trial });
          expect(
            r.spans.filter((s) => s.error),
            strategy,
          ).toEqual([]);
          // Inside the transaction the writes are seen; before it they are not.
          expect(byId(r.spans, 'before').rows, strategy).toBe(0);
          expect(byId(r.spans, 'after').rows, strategy).toBe(1);
          expect(byId(r.spans, 'renamed').rows, strategy).toBe(1);
          const txPids = new Set(inTransaction.map((id) => byId(r.spans, id).pid));
          expect(txPids.size, strategy).toBe(1);
          // Every statement after the ones it depends on; the writes in their order.
          for (const q of w.queries)
            for (const d of q.dependsOn ?? [])
              expect(sent(byId(r.spans, q.id)), `${strategy}: ${q.id} after ${d}`).toBeGreaterThanOrEqual(
                byId(r.spans, d).end - 0.001,
              );
          const [txPid] = txPids;
          if (ONE_CONNECTION.has(strategy)) {
            expect(new Set(r.spans.map((s) => s.pid)).size, strategy).toBe(1);
          } else {
            // The independent reads ran beside the transaction, on connections of the pool.
            expect(byId(r.spans, 'products').pid, strategy).not.toBe(txPid);
            expect(byId(r.spans, 'reviews').pid, strategy).not.toBe(txPid);
          }
        }
        // Rolled back after every trial: between trials nothing of it is visible or held.
        expect(await state(), strategy).toEqual(before.value);
        pids.push(...profiler.activeBackendPids());
        expect(await leftovers(pids), strategy).toEqual([]);
      }
    } finally {
      await profiler.close();
    }
    expect(await state()).toEqual(before.value);
    // No backend of the replay is left, the transaction's connection included.
    expect(await stillThere([...new Set(pids)])).toEqual([]);
  }, 60_000);

  it('gives up on a row another session holds after lock_timeout, and rolls back', async () => {
    const holder = await adminClient(url);
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [USER]);
      const profiler = await createProfiler({
        url,
        workload: {
          name: 'locked',
          queries: [
            { id: 'other', sql: 'SELECT count(*) FROM products' },
            { id: 'rename', sql: `UPDATE users SET name = name || '!' WHERE id = ${USER}` },
            { id: 'renamed', sql: `SELECT name FROM users WHERE id = ${USER}`, dependsOn: ['rename'] },
          ],
        },
        settings: RunSettingsSchema.parse({ strategies: ['concurrent'], rolledBack: ['rename', 'renamed'] }),
        limits: { lockTimeoutMs: 200 },
      });
      let pids: number[] = [];
      try {
        const r = await profiler.runTrial('concurrent', { trial: 0 });
        pids = profiler.activeBackendPids();
        expect(await leftovers(pids)).toEqual([]);
        expect(r.spans.find((s) => s.queryId === 'rename')!.error).toMatchObject({ sqlstate: '55P03' });
        expect(r.spans.find((s) => s.queryId === 'renamed')!.error?.kind).toBe('skipped');
        expect(r.spans.find((s) => s.queryId === 'other')!.error).toBeUndefined();
      } finally {
        await profiler.close();
      }
      expect(await stillThere(pids)).toEqual([]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  }, 30_000);

  it('refuses, before anything is sent, a statement in the transaction that a rollback would not undo', async () => {
    const escapes = [
      'CREATE TABLE gs_rolled_back_escape (i int)',
      'TRUNCATE favorites',
      'COMMIT',
      'ROLLBACK',
      'SAVEPOINT s',
      "PREPARE TRANSACTION 'gs'",
      'SET statement_timeout = 0',
      "SELECT set_config('lock_timeout', '0', true)",
      'COPY favorites TO STDOUT',
      'LOCK TABLE favorites',
      'SELECT pg_advisory_lock(42)',
      "SELECT pg_notify('gs', 'x')",
      'NOTIFY gs',
      "SELECT nextval('gs_no_such_sequence')",
      "SELECT setval('gs_no_such_sequence', 1)",
      "SELECT dblink_exec('dbname=postgres', 'DROP TABLE users')",
      'SELECT pg_terminate_backend(1)',
      'DO $$ BEGIN INSERT INTO favorites VALUES (1, 1, now()); END $$',
      'CALL gs_no_such_procedure()',
    ];
    const w = workload();
    for (const sql of escapes) {
      const escaping: Workload = {
        ...w,
        queries: [...w.queries, { id: 'escape', sql, dependsOn: ['favourite'] }],
      };
      const err = await createProfiler({
        url,
        workload: escaping,
        settings: { ...settings, rolledBack: [...inTransaction, 'escape'] },
      }).then(
        async (p) => {
          await p.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(isAppError(err) && err.code, sql).toBe('read_only_violation');
      expect(isAppError(err) && err.message, sql).toMatch(/^Query "escape" is refused/);
    }
    // The writes beside them were never sent either.
    if (before.value) expect(await state()).toEqual(before.value);
  });

  it('keeps every statement outside the transaction read-only', async () => {
    const err = await createProfiler({
      url,
      workload: workload(),
      // `favourite` writes but is not in the transaction: it would commit, so it is refused.
      settings: { ...settings, rolledBack: ['rename', 'renamed'] },
    }).catch((e: unknown) => e);
    expect(isAppError(err) && err.message).toMatch(/^Query "favourite" is refused: INSERT writes/);
    const unknown = await createProfiler({
      url,
      workload: workload(),
      settings: { ...settings, rolledBack: ['nope'] },
    }).catch((e: unknown) => e);
    expect(isAppError(unknown) && unknown.code).toBe('validation_failed');
  });
});
