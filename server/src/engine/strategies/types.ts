import type { QuerySpec, RunSettings, StrategyName } from '@gatherscope/shared';
import type { Lane } from '../lanes';
import type { Plan } from '../plan';

/** What a strategy may use to run one trial. */
export interface StrategyContext {
  plan: Plan;
  settings: Pick<RunSettings, 'poolSize' | 'boundedK'>;
  lanes: {
    /** Any free connection of the pool, at most `k` at once for this trial. */
    pool(k: number): Lane;
    /** One connection for the whole trial; concurrent requests for it queue in FIFO order. */
    dedicated(): Lane;
  };
  /** Runs one query and records its span; never rejects. */
  execute(q: QuerySpec, lane: Lane): Promise<void>;
  /** Sends the queries at once on one connection of `lane`, a span each; never rejects. */
  executePipelined(qs: readonly QuerySpec[], lane: Lane): Promise<void>;
}

/**
 * One execution strategy. Every strategy runs each query of the plan exactly once and resolves
 * when all have settled. Only `dependency-aware` starts a query the moment its own dependencies
 * finish; the others keep a dependency safe in their own way (see each module).
 */
export interface Strategy {
  name: StrategyName;
  run(ctx: StrategyContext): Promise<void>;
}

/** Runs the plan's dependency waves one after another, each wave all at once on `lane`. */
export async function runInWaves(ctx: StrategyContext, lane: Lane): Promise<void> {
  for (const wave of ctx.plan.waves) {
    await Promise.all(wave.map((q) => ctx.execute(q, lane)));
  }
}
