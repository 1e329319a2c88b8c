import type { ParsedRunRequest, Workload } from '@gatherscope/shared';
import { AppError } from '../errors/app-error';
import { builtinWorkloadNames, findBuiltinWorkload } from './builtin';

export interface WorkloadCatalog {
  get(name: string): Workload | undefined;
  names(): string[];
}

/** The built-in workloads as the run manager and the CLI look them up. */
export const builtinCatalog: WorkloadCatalog = {
  get: findBuiltinWorkload,
  names: builtinWorkloadNames,
};

/** The workload of a run or load-test request: inline as given, or a built-in by name. */
export function resolveWorkload(catalog: WorkloadCatalog, w: ParsedRunRequest['workload']): Workload {
  if (typeof w !== 'string') return w;
  const found = catalog.get(w);
  if (found) return found;
  const names = catalog.names();
  throw new AppError('unknown_workload', `There is no built-in workload named "${w.slice(0, 64)}".`, {
    status: 400,
    hint: `Use one of: ${names.join(', ')} — or send a full workload object.`,
    details: { issues: [{ path: 'workload', message: `unknown built-in workload "${w}"` }] },
  });
}
