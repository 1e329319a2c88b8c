import { type ServerServices, serverTargets } from '../runs/service';
import { builtinCatalog } from '../workloads/catalog';
import { LoadTestManager } from './manager';
import { openLatencyProxy } from './proxy';
import { LoadTestStore } from './store';

/** The load-test service as the server runs it: built-in workloads, the default database, stored tests. */
export async function createLoadTests(o: ServerServices): Promise<LoadTestManager> {
  return new LoadTestManager({
    store: await LoadTestStore.open(o.dataDir, o.log),
    workloads: builtinCatalog,
    resolveTarget: serverTargets(o),
    openProxy: openLatencyProxy,
    log: o.log,
  });
}
