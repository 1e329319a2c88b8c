import type { LoadModel, StatementMode, StrategyName } from '@gatherscope/shared';

/** How a request is issued by the exported script: both tools give each client one connection. */
export type ScriptStrategy = Extract<StrategyName, 'sequential' | 'pipelined'>;
/** How statements travel, as in `pgbench -M`. */
export type ScriptMode = StatementMode;

export interface ScriptOptions {
  strategy: ScriptStrategy;
  mode: ScriptMode;
  model: LoadModel;
  durationS: number;
  /** pgbench -j: worker threads of the load generator. */
  threads: number;
}
