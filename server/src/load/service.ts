import type { Workload } from '@gatherscope/shared';
import { resolveConnectionUrl } from '../connections';
import type { LogFn } from '../http/logger';
import { createTargetResolver } from '../runs/targets';
import { getBuiltinWorkload, listBuiltinWorkloads } from '../workloads/builtin';
import { LoadTestManager } from './manager';
import { openLatencyProxy } from './proxy';
import { LoadTestStore } from './store';

export const builtinLoadWorkloads = {
  get: (name: string): Workload | undefined =>
    listBuiltinWorkloads().some((w) => w.name === name) ? getBuiltinWorkload(name) : undefined,
  names: () => listBuiltinWorkloads().map((w) => w.name),
};

/** The load-test service as the server runs it: built-in workloads, the default database, stored tests. */
export async function createLoadTests(o: {
  dataDir: string;
  databaseUrl: string;
  embedded: boolean;
  log: LogFn;
}): Promise<LoadTestManager> {
  return new LoadTestManager({
    store: await LoadTestStore.open(o.dataDir, o.log),
    workloads: builtinLoadWorkloads,
    resolveTarget: createTargetResolver({
      databaseUrl: o.databaseUrl,
      embedded: o.embedded,
      lookupConnection: (id) => resolveConnectionUrl(o.dataDir, id),
    }),
    openProxy: openLatencyProxy,
    log: o.log,
  });
}
