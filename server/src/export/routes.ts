import { exportBaseName, RUN_EXPORT_FORMAT, type RunExport, type RunRecord } from '@gatherscope/shared';
import { AppError } from '../errors/app-error';
import { type HeavyGate, heavyResponses } from '../http/heavy-gate';
import { spansCsv } from './csv';
import { htmlExport } from './html';
import { importRoute, runImportKind } from './import-record';
import { toOtlp } from './otlp';
import { envelopeHead as exportHead, readViewer, recordExportRoutes } from './respond';

export interface ExportDeps {
  /** Reads a run, finished or still running (RunManager or RunStore). */
  runs: { get(id: string): Promise<RunRecord | undefined> };
  /** Where imported runs are kept (the run store). */
  store: { save(record: RunRecord): Promise<void> };
  newRunId: () => string;
  /** Built web app; the HTML export inlines its viewer bundle from `export/viewer.js`. */
  webDist?: string | undefined;
  /** Finished runs as files, so the JSON export streams them instead of parsing them (the run store). */
  files?: {
    finishedFile(id: string): string | undefined;
    item(id: string): { id: string; workloadName: string } | undefined;
  };
  /** Bounds the exports built in memory at once (default: the process's gate). */
  gate?: HeavyGate;
}

const envelopeHead = (now: Date): Omit<RunExport, 'run'> => exportHead(RUN_EXPORT_FORMAT, now);

export function exportEnvelope(run: RunRecord, now = new Date()): RunExport {
  return { ...envelopeHead(now), run };
}

/** `/api/runs/:id/export.{json,csv,otlp.json,html}` and `POST /api/runs/import`. */
export function exportRoutes(deps: ExportDeps) {
  const gate = deps.gate ?? heavyResponses;
  const read = async (id: string): Promise<RunRecord> => {
    const run = await deps.runs.get(id);
    if (!run) {
      throw new AppError('not_found', `There is no run with id "${id.slice(0, 64)}".`, {
        status: 404,
        hint: 'It may have been deleted; the History page lists the stored runs.',
      });
    }
    return run;
  };
  return recordExportRoutes({
    read,
    baseName: (run) => exportBaseName(run),
    envelope: (run) => exportEnvelope(run),
    json: { format: RUN_EXPORT_FORMAT, key: 'run' },
    files: deps.files,
    gate,
    built: [
      { ext: 'csv', type: 'text/csv; charset=utf-8', build: spansCsv },
      { ext: 'otlp.json', type: 'application/json', build: (run) => JSON.stringify(toOtlp(run)) },
      {
        ext: 'html',
        type: 'text/html; charset=utf-8',
        build: async (run) => htmlExport(exportEnvelope(run), await readViewer(deps.webDist)),
      },
    ],
  }).post(
    '/import',
    importRoute({
      kind: runImportKind,
      newId: deps.newRunId,
      save: (r) => deps.store.save(r),
      page: '/runs',
      api: '/api/runs',
      gate,
    }),
  );
}
