import type { Strategy } from './types';

/** Each query starts the moment the queries it depends on have finished, over the pool. */
export const dependencyAware: Strategy = {
  name: 'dependency-aware',
  async run(ctx) {
    const lane = ctx.lanes.pool(ctx.settings.poolSize);
    const finished = new Map<string, Promise<void>>();
    for (const q of ctx.plan.order) {
      const deps = (q.dependsOn ?? []).map((d) => finished.get(d));
      // plan.order is topological, so every dependency already has its promise.
      finished.set(
        q.id,
        Promise.all(deps).then(() => ctx.execute(q, lane)),
      );
    }
    await Promise.all(finished.values());
  },
};
