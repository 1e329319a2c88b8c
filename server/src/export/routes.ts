import fs from 'node:fs/promises';
import path from 'node:path';
import {
  exportBaseName,
  type ImportedRun,
  RUN_EXPORT_FORMAT,
  type RunExport,
  type RunRecord,
} from '@gatherscope/shared';
import { type Context, Hono } from 'hono';
import { AppError } from '../errors/app-error';
import { APP_VERSION } from '../http/health-routes';
import { type HeavyGate, heavyResponses } from '../http/heavy-gate';
import { streamFile } from '../store/stream-file';
import { spansCsv } from './csv';
import { htmlExport } from './html';
import { prepareImport } from './import-run';
import { toOtlp } from './otlp';

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

function attachment(
  c: Context,
  run: { id: string; workload: { name: string } },
  ext: string,
  type: string,
  body: string | ReadableStream<Uint8Array>,
) {
  c.header('Content-Type', type);
  c.header('Content-Disposition', `attachment; filename="${exportBaseName(run)}.${ext}"`);
  c.header('Cache-Control', 'no-store');
  return c.body(body);
}

export async function readViewer(webDist: string | undefined): Promise<string> {
  const unbuilt = new AppError('internal', 'The HTML export viewer is not built.', {
    status: 503,
    hint: 'Run `npm run build` (npm start does it for you); it writes web/dist/export/viewer.js.',
  });
  if (!webDist) throw unbuilt;
  try {
    return await fs.readFile(path.join(webDist, 'export', 'viewer.js'), 'utf8');
  } catch {
    throw unbuilt;
  }
}

const envelopeHead = (now: Date): Omit<RunExport, 'run'> => ({
  format: RUN_EXPORT_FORMAT,
  version: 1,
  exportedAt: now.toISOString(),
  app: APP_VERSION,
});

export function exportEnvelope(run: RunRecord, now = new Date()): RunExport {
  return { ...envelopeHead(now), run };
}

/** `/api/runs/:id/export.{json,csv,otlp.json,html}` and `POST /api/runs/import`. */
export function exportRoutes(deps: ExportDeps) {
  const gate = deps.gate ?? heavyResponses;
  const load = async (id: string): Promise<RunRecord> => {
    const run = await deps.runs.get(id);
    if (!run) {
      throw new AppError('not_found', `There is no run with id "${id.slice(0, 64)}".`, {
        status: 404,
        hint: 'It may have been deleted; the History page lists the stored runs.',
      });
    }
    return run;
  };
  return (
    new Hono()
      .get('/:id/export.json', async (c) => {
        const id = c.req.param('id');
        // A finished run streams from its file inside the envelope: no copy of it is built here.
        const file = deps.files?.finishedFile(id);
        const item = deps.files?.item(id);
        if (file && item) {
          const prefix = `${JSON.stringify(envelopeHead(new Date())).slice(0, -1)},"run":`;
          const stream = await streamFile(file, { prefix, suffix: '}' });
          if (stream)
            return attachment(
              c,
              { id, workload: { name: item.workloadName } },
              'json',
              'application/json',
              stream,
            );
        }
        return gate.run(async () => {
          const run = await load(id);
          return attachment(c, run, 'json', 'application/json', JSON.stringify(exportEnvelope(run), null, 1));
        });
      })
      // These are built from the parsed run, in memory: a few at a time (http/heavy-gate.ts).
      .get('/:id/export.csv', (c) =>
        gate.run(async () => {
          const run = await load(c.req.param('id'));
          return attachment(c, run, 'csv', 'text/csv; charset=utf-8', spansCsv(run));
        }),
      )
      .get('/:id/export.otlp.json', (c) =>
        gate.run(async () => {
          const run = await load(c.req.param('id'));
          return attachment(c, run, 'otlp.json', 'application/json', JSON.stringify(toOtlp(run)));
        }),
      )
      .get('/:id/export.html', (c) =>
        gate.run(async () => {
          const run = await load(c.req.param('id'));
          const viewer = await readViewer(deps.webDist);
          return attachment(
            c,
            run,
            'html',
            'text/html; charset=utf-8',
            htmlExport(exportEnvelope(run), viewer),
          );
        }),
      )
      .post('/import', (c) =>
        gate.run(async () => {
          let body: unknown;
          try {
            body = await c.req.json();
          } catch {
            throw new AppError('bad_request', 'The file is not JSON.', {
              status: 400,
              hint: 'Import the JSON file a Gatherscope "Export JSON" gave you.',
            });
          }
          const { record, originalId } = prepareImport(body, deps.newRunId());
          await deps.store.save(record);
          const answer: ImportedRun = { id: record.id, url: `/runs/${record.id}`, originalId };
          c.header('Location', `/api/runs/${record.id}`);
          return c.json(answer, 201);
        }),
      )
  );
}
