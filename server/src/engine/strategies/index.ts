import type { StrategyName } from '@gatherscope/shared';
import { bounded } from './bounded';
import { concurrent } from './concurrent';
import { dependencyAware } from './dependency-aware';
import { pipelined } from './pipelined';
import { sequential } from './sequential';
import { singleConnection } from './single-connection';
import type { Strategy } from './types';

export const strategies: Record<StrategyName, Strategy> = {
  sequential,
  concurrent,
  bounded,
  'dependency-aware': dependencyAware,
  'single-connection': singleConnection,
  pipelined,
};

export type { Strategy, StrategyContext } from './types';
