import { runInWaves, type Strategy } from './types';

/**
 * Like concurrent, but at most `boundedK` queries in flight (a pool of k connections): the rest
 * wait for a connection, which shows what an undersized pool costs. Dependencies run in waves.
 */
export const bounded: Strategy = {
  name: 'bounded',
  run: (ctx) => runInWaves(ctx, ctx.lanes.pool(ctx.settings.boundedK)),
};
