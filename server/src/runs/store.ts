import path from 'node:path';
import { type RunListItem, type RunRecord, RunRecordSchema } from '@gatherscope/shared';
import type { LogFn } from '../logging/logger';
import { isRecordId, newRecordId, RecordDir } from '../store/record-dir';

export const newRunId = newRecordId;
export const isRunId = isRecordId;

export function toListItem(r: RunRecord): RunListItem {
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    status: r.status,
    workloadName: r.workload.name,
    strategies: r.settings.strategies,
    trials: r.settings.trials,
    rttMs: r.settings.rttMs,
    database: r.database,
    verdict: r.summary?.verdict ?? null,
    error: r.error?.message ?? null,
    ...(r.imported ? { imported: r.imported } : {}),
  };
}

/** Profile runs as JSON files under `<dataDir>/runs/`, one per run, never in the profiled database. */
export class RunStore extends RecordDir<RunRecord, RunListItem> {
  static open(dataDir: string, log: LogFn): Promise<RunStore> {
    return new RunStore({
      dir: path.join(dataDir, 'runs'),
      schema: RunRecordSchema,
      toItem: toListItem,
      log,
      label: 'run',
      interruptedMessage:
        'Gatherscope stopped while this run was in progress; the trials measured so far are kept.',
      interruptedHint: 'Start the run again.',
    }).load();
  }
}
