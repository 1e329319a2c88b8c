import path from 'node:path';
import { type CaptureListItem, type CaptureRecord, CaptureRecordSchema } from '@gatherscope/shared';
import type { LogFn } from '../logging/logger';
import { RecordDir } from '../store/record-dir';

export function toCaptureListItem(r: CaptureRecord): CaptureListItem {
  return {
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    status: r.status,
    source: r.source,
    fileName: r.fileName,
    database: r.database,
    requests: r.capture.counts.requests,
    statements: r.capture.counts.statements,
    topEndpoint: r.capture.endpoints[0]?.endpoint ?? null,
  };
}

/**
 * Captures and imported traces as JSON files under `<dataDir>/captures/`, beside runs and load tests
 * with the same id format, so History lists them together. The files hold SQL and parameters: the
 * directory is the owner's only (RecordDir creates it 0700).
 */
export class CaptureStore extends RecordDir<CaptureRecord, CaptureListItem> {
  static open(dataDir: string, log: LogFn): Promise<CaptureStore> {
    return new CaptureStore({
      dir: path.join(dataDir, 'captures'),
      schema: CaptureRecordSchema,
      toItem: toCaptureListItem,
      log,
      label: 'capture',
      interruptedMessage:
        'Gatherscope stopped while this capture was running; the requests that had closed are kept.',
      interruptedHint: 'Start a new capture.',
    }).load();
  }
}
