import fs from 'node:fs/promises';
import path from 'node:path';
import { type Context, Hono } from 'hono';
import { AppError } from '../errors/app-error';
import { APP_VERSION } from '../http/health-routes';
import type { HeavyGate } from '../http/heavy-gate';
import { streamFile } from '../store/stream-file';

/** What every export route answers with: a download named after the record, never cached. */
export function attachment(
  c: Context,
  baseName: string,
  ext: string,
  type: string,
  body: string | ReadableStream<Uint8Array>,
) {
  c.header('Content-Type', type);
  c.header('Content-Disposition', `attachment; filename="${baseName}.${ext}"`);
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

/** The head of every JSON export's envelope: which format, which version, when, from which Gatherscope. */
export function envelopeHead<F extends string>(format: F, now = new Date()) {
  return { format, version: 1 as const, exportedAt: now.toISOString(), app: APP_VERSION };
}

/**
 * A finished record's file streamed inside its export envelope (`{...head, "<key>": <file>}`), so
 * no copy of the record is built here, with the workload name its file name needs. Undefined when
 * the record is not finished or its file is gone: the caller then builds the envelope from the
 * parsed record.
 */
export async function streamedEnvelope(
  files:
    | { finishedFile(id: string): string | undefined; item(id: string): { workloadName: string } | undefined }
    | undefined,
  id: string,
  head: object,
  key: string,
): Promise<{ stream: ReadableStream<Uint8Array>; workload: { name: string } } | undefined> {
  const file = files?.finishedFile(id);
  const item = files?.item(id);
  if (!file || !item) return undefined;
  const prefix = `${JSON.stringify(head).slice(0, -1)},${JSON.stringify(key)}:`;
  const stream = await streamFile(file, { prefix, suffix: '}' });
  return stream && { stream, workload: { name: item.workloadName } };
}

/** An export built in memory from the parsed record: `/:id/export.<ext>`. */
export interface BuiltExport<R> {
  ext: string;
  type: string;
  build(record: R): string | Promise<string>;
}

/**
 * The export routes of one kind of record (runs, load tests): `/:id/export.json`, streamed from a
 * finished record's file inside its envelope, and each built format, which takes turns through
 * the gate because it holds the parsed record and its output in memory at once.
 */
export function recordExportRoutes<R extends { id: string; workload: { name: string } }>(o: {
  /** The record to export, or a typed AppError (unknown id; a load test still running). */
  read(id: string): Promise<R>;
  baseName(record: { id: string; workload: { name: string } }): string;
  /** The JSON envelope: its format and the key that holds the record. */
  envelope(record: R): object;
  json: { format: string; key: string };
  files: Parameters<typeof streamedEnvelope>[0];
  gate: HeavyGate;
  built: BuiltExport<R>[];
}): Hono {
  const routes = new Hono().get('/:id/export.json', async (c) => {
    const id = c.req.param('id');
    const streamed = await streamedEnvelope(o.files, id, envelopeHead(o.json.format), o.json.key);
    if (streamed)
      return attachment(c, o.baseName({ id, ...streamed }), 'json', 'application/json', streamed.stream);
    return o.gate.run(async () => {
      const record = await o.read(id);
      return attachment(
        c,
        o.baseName(record),
        'json',
        'application/json',
        JSON.stringify(o.envelope(record), null, 1),
      );
    });
  });
  for (const f of o.built) {
    routes.get(`/:id/export.${f.ext}`, (c) =>
      o.gate.run(async () => {
        const record = await o.read(c.req.param('id'));
        return attachment(c, o.baseName(record), f.ext, f.type, await f.build(record));
      }),
    );
  }
  return routes;
}
