import type { Strategy } from './types';

/** One connection, one query after another in dependency order: plain `await` in a loop. */
export const sequential: Strategy = {
  name: 'sequential',
  async run(ctx) {
    const lane = ctx.lanes.dedicated();
    for (const q of ctx.plan.order) await ctx.execute(q, lane);
  },
};
