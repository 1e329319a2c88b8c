import { getBuiltinWorkload, listBuiltinWorkloads } from '../workloads/builtin';
import type { WorkloadCatalog } from './manager';

/** The built-in workloads as the run manager and the CLI look them up. */
export const builtinCatalog: WorkloadCatalog = {
  get: (name) => (listBuiltinWorkloads().some((w) => w.name === name) ? getBuiltinWorkload(name) : undefined),
  names: () => listBuiltinWorkloads().map((w) => w.name),
};
