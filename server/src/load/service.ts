import { resolveConnectionUrl } from '../connections';
import type { LogFn } from '../http/logger';
import { builtinCatalog } from '../runs/catalog';
import { createTargetResolver } from '../runs/targets';
import { LoadTestManager } from './manager';
import { openLatencyProxy } from './proxy';
import { LoadTestStore } from './store';

/** The load-test service as the server runs it: built-in workloads, the default database, stored tests. */
export async function createLoadTests(o: {
  dataDir: string;
  databaseUrl: string;
  embedded: boolean;
  log: LogFn;
}): Promise<LoadTestManager> {
  return new LoadTestManager({
    store: await LoadTestStore.open(o.dataDir, o.log),
    workloads: builtinCatalog,
    resolveTarget: createTargetResolver({
      databaseUrl: o.databaseUrl,
      embedded: o.embedded,
      lookupConnection: (id) => resolveConnectionUrl(o.dataDir, id),
    }),
    openProxy: openLatencyProxy,
    log: o.log,
  });
}
