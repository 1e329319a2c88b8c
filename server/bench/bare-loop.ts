// The reference for the overhead benchmark: the same queries through plain node-postgres, with no
// spans, no events, no guard. This is the one place outside server/src/db that imports pg, because
// it must measure pg itself.
import type { Workload } from '@gatherscope/shared';
import pg from 'pg';
import { generateParams } from '../src/engine/params';
import { RoundClock } from './round-clock';

/**
 * Runs `warmup + rounds` rounds of the workload, all queries of a round at once over a pool of
 * `connections` (what the concurrent strategy does), and records when each measured round ended.
 */
export async function bareLoop(opts: {
  url: string;
  workload: Workload;
  connections: number;
  rounds: number;
  warmup: number;
  /**
   * Rows as arrays of raw text, no type parsing: the least work pg can do per row, as the
   * instrumented runner (which counts and sizes rows but does not parse them). Otherwise pg's
   * defaults: row objects with parsed values, as an application gets them.
   */
  rawRows: boolean;
}): Promise<RoundClock> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.connections,
    application_name: 'gatherscope-bench',
  });
  pool.on('error', () => {});
  try {
    const clients = await Promise.all(Array.from({ length: opts.connections }, () => pool.connect()));
    for (const c of clients) c.release();
    const clock = new RoundClock();
    for (let round = -opts.warmup; round < opts.rounds; round++) {
      const t0 = performance.now();
      await Promise.all(
        opts.workload.queries.map((q) => {
          const params = generateParams(q.params, new Map());
          if (!params.ok) throw new Error(`bench workload query ${q.id}: ${params.reason}`);
          const config = {
            text: q.sql,
            values: params.values,
            // queryMode is in pg 8 but missing from @types/pg; extended protocol as the profiler uses.
            queryMode: 'extended',
            ...(opts.rawRows ? { rowMode: 'array', types: { getTypeParser: () => (v: string) => v } } : {}),
          };
          return pool.query(config as pg.QueryConfig);
        }),
      );
      if (round >= 0) clock.mark(performance.now() - t0);
    }
    return clock;
  } finally {
    await pool.end();
  }
}
