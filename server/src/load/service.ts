import { resolveConnectionUrl } from '../connections';
import type { LogFn } from '../http/logger';
import { createTargetResolver } from '../runs/targets';
import { listBuiltinWorkloads } from '../workloads/builtin';
import { LoadTestManager, type LoadWorkloads } from './manager';
import { openLatencyProxy } from './proxy';
import { LoadTestStore } from './store';

const builtinLoadWorkloads: LoadWorkloads = {
  get: (name) => listBuiltinWorkloads().find((w) => w.name === name),
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
