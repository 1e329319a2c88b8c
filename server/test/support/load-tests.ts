// Test support only: the load-test manager as the server builds it, on the embedded demo database.
import type { Workload } from '@gatherscope/shared';
import type { Clock } from '../../src/jobs/clock';
import { LoadTestManager } from '../../src/load/manager';
import { openLatencyProxy } from '../../src/load/proxy';
import { LoadTestStore } from '../../src/load/store';

/** Load tests of `workloads` (by name) on the demo database at `url`, stored under `dataDir`. */
export async function demoLoadTests(
  url: string,
  dataDir: string,
  workloads: Record<string, Workload>,
  clock?: Clock,
): Promise<LoadTestManager> {
  return new LoadTestManager({
    store: await LoadTestStore.open(dataDir, () => {}),
    workloads: { get: (n) => workloads[n], names: () => Object.keys(workloads) },
    resolveTarget: async () => ({
      url,
      readOnly: true,
      database: {
        name: 'gatherscope_demo',
        label: 'Embedded demo shop',
        serverVersion: '15',
        embedded: true,
      },
    }),
    openProxy: openLatencyProxy,
    log: () => {},
    ...(clock ? { clock } : {}),
  });
}
