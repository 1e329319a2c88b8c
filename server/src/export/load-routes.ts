import {
  exportBaseName,
  LOAD_TEST_EXPORT_FORMAT,
  type LoadTestExport,
  type LoadTestRecord,
} from '@gatherscope/shared';
import { AppError } from '../errors/app-error';
import { type HeavyGate, heavyResponses } from '../http/heavy-gate';
import { loadTestHtmlExport } from './html';
import { importRoute, loadTestImportKind } from './import-record';
import { loadTestCsv } from './load-csv';
import { envelopeHead, readViewer, recordExportRoutes } from './respond';

export interface LoadExportDeps {
  /** Reads a load test, finished or still running (the LoadTestManager). */
  tests: { get(id: string): Promise<LoadTestRecord | undefined> };
  /** Finished tests as files, so the JSON export streams them instead of parsing them (the test store). */
  files?: {
    finishedFile(id: string): string | undefined;
    item(id: string): { workloadName: string } | undefined;
  };
  /** Built web app; the HTML export inlines its viewer bundle from `export/viewer.js`. */
  webDist?: string | undefined;
  /** Where imported tests are kept (the test store), and their new ids. */
  store: { save(record: LoadTestRecord): Promise<void> };
  newId: () => string;
  /** Bounds the exports built in memory at once (default: the process's gate, shared with runs). */
  gate?: HeavyGate;
}

export function loadTestEnvelope(loadTest: LoadTestRecord, now = new Date()): LoadTestExport {
  return { ...envelopeHead(LOAD_TEST_EXPORT_FORMAT, now), loadTest };
}

/**
 * `/api/load-tests/:id/export.{json,csv,html}` and `POST /api/load-tests/import`. A test still running is refused: its record grows
 * every second and its results and verdict come at its end, so an export of it would be a file that
 * silently disagrees with the finished test its permalink shows.
 */
export function loadTestExportRoutes(deps: LoadExportDeps) {
  const gate = deps.gate ?? heavyResponses;
  const finished = async (id: string): Promise<LoadTestRecord> => {
    const t = await deps.tests.get(id);
    if (!t) {
      throw new AppError('not_found', `There is no load test with id "${id.slice(0, 64)}".`, {
        status: 404,
        hint: 'It may have been deleted; the History page lists the stored load tests.',
      });
    }
    if (t.status === 'running') {
      throw new AppError(
        'still_running',
        'This load test is still running: it can be exported once it ends.',
        {
          status: 409,
          hint: 'Wait for it to finish (or stop it), then export it: the file then holds every second it measured, its results and its verdict.',
        },
      );
    }
    return t;
  };
  const routes = recordExportRoutes({
    read: finished,
    baseName: (t) => exportBaseName(t, 'load'),
    envelope: (t) => loadTestEnvelope(t),
    json: { format: LOAD_TEST_EXPORT_FORMAT, key: 'loadTest' },
    files: deps.files,
    gate,
    built: [
      { ext: 'csv', type: 'text/csv; charset=utf-8', build: loadTestCsv },
      {
        ext: 'html',
        type: 'text/html; charset=utf-8',
        build: async (t) => loadTestHtmlExport(loadTestEnvelope(t), await readViewer(deps.webDist)),
      },
    ],
  });
  return routes.post(
    '/import',
    importRoute({
      kind: loadTestImportKind,
      newId: deps.newId,
      save: (t) => deps.store.save(t),
      page: '/load',
      api: '/api/load-tests',
      gate,
    }),
  );
}
