import { resolveConnectionUrl } from '../connections';
import { runProfile } from '../engine/run-profile';
import type { LogFn } from '../logging/logger';
import { createTargetResolver, type TargetResolver } from '../targets/targets';
import { builtinCatalog } from '../workloads/catalog';
import { assertWorkloadRuns } from '../workloads/check-on-database';
import { RunManager } from './manager';
import { RunStore } from './store';

/** What the server's services share: where state lives, the default database, the log. */
export interface ServerServices {
  dataDir: string;
  databaseUrl: string;
  embedded: boolean;
  log: LogFn;
}

/** Targets as the server resolves them: the default database, or a connection saved in the data dir. */
export function serverTargets(o: ServerServices): TargetResolver {
  return createTargetResolver({
    databaseUrl: o.databaseUrl,
    embedded: o.embedded,
    lookupConnection: (id) => resolveConnectionUrl(o.dataDir, id),
  });
}

/** The profiling-run service as the server runs it: built-in workloads, the default database, stored runs. */
export async function createRuns(o: ServerServices): Promise<{ runs: RunManager; runStore: RunStore }> {
  const runStore = await RunStore.open(o.dataDir, o.log);
  const runs = new RunManager({
    store: runStore,
    runProfile,
    workloads: builtinCatalog,
    resolveTarget: serverTargets(o),
    checkWorkload: assertWorkloadRuns,
    log: o.log,
  });
  return { runs, runStore };
}
