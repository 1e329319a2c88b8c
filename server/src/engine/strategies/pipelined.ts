import type { Strategy } from './types';

/**
 * Every query of a dependency wave sent at once on ONE connection without waiting for each answer
 * (pgx Batch, psycopg 3 `pipeline()`, postgres.js), each with its own Sync so one error does not
 * fail the others. A wave's statements need the rows of the wave before, so the next wave is sent
 * when the whole wave has answered: one round trip per wave. The server still runs the statements
 * one after another: pipelining saves round trips, not database time.
 */
export const pipelined: Strategy = {
  name: 'pipelined',
  async run(ctx) {
    const lane = ctx.lanes.dedicated();
    for (const wave of ctx.plan.waves) await ctx.executePipelined(wave, lane);
  },
};
