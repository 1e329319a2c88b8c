import { runInWaves, type Strategy } from './types';

/**
 * All queries at once over the pool (`poolSize` connections). With dependencies it runs in waves,
 * as `gather` per stage does: a wave starts when the whole previous wave has finished.
 */
export const concurrent: Strategy = {
  name: 'concurrent',
  run: (ctx) => runInWaves(ctx, ctx.lanes.pool(ctx.settings.poolSize)),
};
