import path from 'node:path';
import { type LoadTestListItem, type LoadTestRecord, LoadTestRecordSchema } from '@gatherscope/shared';
import type { LogFn } from '../logging/logger';
import { RecordDir } from '../store/record-dir';

export function toLoadListItem(r: LoadTestRecord): LoadTestListItem {
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    status: r.status,
    settings: r.settings,
    database: r.database,
    verdict: r.verdict,
    workloadName: r.workload.name,
    ...(r.imported ? { imported: r.imported } : {}),
  };
}

/**
 * Load tests as JSON files under `<dataDir>/load-tests/`, next to the profile runs and with the same
 * id format, so history can list both.
 */
export class LoadTestStore extends RecordDir<LoadTestRecord, LoadTestListItem> {
  static open(dataDir: string, log: LogFn): Promise<LoadTestStore> {
    return new LoadTestStore({
      dir: path.join(dataDir, 'load-tests'),
      schema: LoadTestRecordSchema,
      toItem: toLoadListItem,
      log,
      label: 'load test',
      interruptedMessage:
        'Gatherscope stopped while this load test was running; the seconds measured so far are kept.',
      interruptedHint: 'Start the load test again.',
    }).load();
  }
}
