import type { Strategy } from './types';

/**
 * All queries issued at once on ONE connection, served first come first served: it looks
 * concurrent in code and runs serially, as an async ORM that funnels every query through one
 * connection or thread does (Django's async ORM). Issued in dependency order, so a query's
 * dependencies are done by the time its turn comes.
 */
export const singleConnection: Strategy = {
  name: 'single-connection',
  async run(ctx) {
    const lane = ctx.lanes.dedicated();
    await Promise.all(ctx.plan.order.map((q) => ctx.execute(q, lane)));
  },
};
