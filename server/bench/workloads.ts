import type { Workload } from '@gatherscope/shared';
import { getBuiltinWorkload } from '../src/workloads/builtin';

/**
 * Overhead: the user dashboard (four cheap indexed queries), where per-query bookkeeping weighs
 * most. Fidelity: the slow dashboard, whose simulated server times make the models exact.
 */
export function benchWorkload(kind: 'overhead' | 'fidelity'): Workload {
  return getBuiltinWorkload(kind === 'overhead' ? 'user-dashboard' : 'slow-dashboard');
}
