import type { QuerySpec, Workload } from '@gatherscope/shared';
import { SESSION_RESET_SQL } from '../db/guard/read-only-session';
import type { ProfilerConnection } from '../db/profiler/instrumented-connection';
import { AppError } from '../errors/app-error';
import { type Lane, Semaphore } from './lanes';
import type { StrategyContext } from './strategies';

const now = () => performance.now();

/** How long Gatherscope's own ROLLBACK and session reset may take before the connection is closed instead. */
const END_TIMEOUT_MS = 5_000;

/** The query ids of `rolledBack` that the workload does not have: a run refuses them. */
export function assertRolledBackKnown(workload: Workload, rolledBack: readonly string[] | undefined): void {
  const ids = new Set(workload.queries.map((q) => q.id));
  const unknown = (rolledBack ?? []).find((id) => !ids.has(id));
  if (unknown !== undefined)
    throw new AppError(
      'validation_failed',
      `rolledBack names a query the workload does not have: "${unknown}".`,
      {
        status: 400,
        hint: 'List the ids of the workload queries that run in the transaction that is rolled back.',
        details: { issues: [{ path: 'rolledBack', message: `unknown query "${unknown}"` }] },
      },
    );
}

/**
 * The one connection of a trial's transaction: its statements queue for it in FIFO order (they
 * are issued in dependency order), as on a connection an application holds for a transaction.
 */
export function transactionLane(conn: ProfilerConnection): Lane {
  const turn = new Semaphore(1);
  return {
    async acquire(signal) {
      const start = now();
      const queued = await turn.take(signal);
      if (!conn.alive) {
        turn.give();
        throw new Error(
          "The connection of the replay's transaction was lost; the server rolled back what it had written.",
        );
      }
      return { conn, waiting: queued ? { start, end: now() } : null, connecting: null };
    },
    release: () => turn.give(),
    finish: () => {},
  };
}

/**
 * Routes a strategy onto the trial's transaction: the queries in `inTransaction` always run on its
 * connection; a strategy that runs on one connection (sequential, single-connection, pipelined)
 * runs everything there, and a pool of k keeps k - 1 other connections, since the transaction
 * holds one for the whole trial (with k = 1 everything waits for that one connection).
 */
export function withTransaction(
  ctx: StrategyContext,
  txLane: Lane,
  inTransaction: ReadonlySet<string>,
): StrategyContext {
  const laneFor = (q: QuerySpec, lane: Lane) => (inTransaction.has(q.id) ? txLane : lane);
  return {
    ...ctx,
    lanes: {
      pool: (k) => (k <= 1 ? txLane : ctx.lanes.pool(k - 1)),
      dedicated: () => txLane,
    },
    execute: (q, lane) => ctx.execute(q, laneFor(q, lane)),
    executePipelined: async (qs, lane) => {
      if (lane === txLane) return ctx.executePipelined(qs, lane);
      const inside = qs.filter((q) => inTransaction.has(q.id));
      const outside = qs.filter((q) => !inTransaction.has(q.id));
      await Promise.all([
        inside.length > 0 ? ctx.executePipelined(inside, txLane) : undefined,
        outside.length > 0 ? ctx.executePipelined(outside, lane) : undefined,
      ]);
    },
  };
}

/**
 * The connections that trials' rolled-back transactions run on: one per trial at a time, opened
 * once and reused. `begin` opens the transaction before the trial's clock starts; `end` rolls it
 * back (never commits) and resets the session, outside the measured time.
 */
export class RolledBackTransactions {
  private readonly idle: ProfilerConnection[] = [];
  private readonly held = new Set<ProfilerConnection>();

  constructor(private readonly connect: () => Promise<ProfilerConnection>) {}

  async begin(): Promise<{ conn: ProfilerConnection; end: () => Promise<void> }> {
    let conn = this.idle.pop();
    while (conn && !conn.alive) conn = this.idle.pop();
    conn ??= await this.connect();
    this.held.add(conn);
    try {
      await conn.beginRolledBack();
    } catch (err) {
      this.held.delete(conn);
      await conn.close();
      throw err;
    }
    const taken = conn;
    return { conn: taken, end: () => this.end(taken) };
  }

  private async end(conn: ProfilerConnection): Promise<void> {
    await conn.rollBack(END_TIMEOUT_MS);
    this.held.delete(conn);
    if (!conn.alive) return;
    // Whatever the session kept (prepared statements, a setting) does not outlive the trial.
    let timer: NodeJS.Timeout | undefined;
    const reset = await Promise.race([
      conn.internal(SESSION_RESET_SQL).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(false), END_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (reset) this.idle.push(conn);
    else await conn.close();
  }

  pids(): number[] {
    return [...this.idle, ...this.held].filter((c) => c.alive).map((c) => c.pid);
  }

  /** Closes every connection; a transaction still open is rolled back by the server as its session ends. */
  async close(): Promise<void> {
    const all = [...this.idle, ...this.held];
    this.idle.length = 0;
    this.held.clear();
    await Promise.all(all.map((c) => c.close()));
  }
}
