import { z } from 'zod';

export const strategyNames = [
  'sequential',
  'concurrent',
  'bounded',
  'dependency-aware',
  'single-connection',
  'pipelined',
] as const;
export const StrategyNameSchema = z.enum(strategyNames);
export type StrategyName = z.infer<typeof StrategyNameSchema>;

/** The strategies a run or a load test compares: at least one, each once. */
export const StrategyListSchema = z
  .array(StrategyNameSchema)
  .min(1, 'choose at least one strategy')
  .max(strategyNames.length)
  .refine((s) => new Set(s).size === s.length, 'a strategy is listed twice');

/** How each strategy is named and explained in the UI, the CLI and the docs. */
export const strategyInfo: Record<StrategyName, { label: string; summary: string }> = {
  sequential: {
    label: 'Sequential',
    summary: 'One connection, one query after another: what plain `await` in a loop does.',
  },
  concurrent: {
    label: 'Concurrent',
    summary: 'All queries at once over a connection pool.',
  },
  bounded: {
    label: 'Bounded pool',
    summary: 'At most k queries in flight (a pool of k connections): the rest queue for a connection.',
  },
  'dependency-aware': {
    label: 'Dependency-aware',
    summary: 'Each query starts the moment the queries it depends on finish.',
  },
  'single-connection': {
    label: 'Single connection (async without concurrency)',
    summary:
      'All issued at once on ONE connection: looks concurrent in code, runs serially. This is what an async ORM that funnels every query through one connection or thread does (Django’s async ORM today).',
  },
  pipelined: {
    label: 'Pipelined',
    summary:
      'All statements sent at once on ONE connection without waiting for each answer (pgx Batch, psycopg 3 pipeline, postgres.js): one round trip per dependency wave, but the database still runs them one after another. Saves round trips, not database time.',
  },
};

/**
 * The name of the model each strategy is held to, as every view labels it. Concurrent and bounded
 * run dependency waves one after another, so with dependencies their model is the sum of the waves'
 * maxima (of k at a time for bounded), not the max of all queries.
 */
export function modelName(strategy: StrategyName, boundedK: number, hasDependencies: boolean): string {
  switch (strategy) {
    case 'sequential':
    case 'single-connection':
      return 'sum';
    case 'concurrent':
      return hasDependencies ? 'sum of wave maxima' : 'max';
    case 'dependency-aware':
      return 'critical path';
    case 'bounded':
      return hasDependencies ? `bounded k=${boundedK} per wave` : `bounded k=${boundedK}`;
    case 'pipelined':
      return 'round trip per wave + sum';
  }
}

/** True when any query waits on another: the models of concurrent and bounded then go by waves. */
export const hasDependencies = (w: { queries: readonly { dependsOn?: readonly string[] | undefined }[] }) =>
  w.queries.some((q) => (q.dependsOn ?? []).length > 0);
