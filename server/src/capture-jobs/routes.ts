import {
  type CaptureRecord,
  CaptureStartRequestSchema,
  type ImportedTraceSchema,
  TraceImportRequestSchema,
} from '@gatherscope/shared';
import { Hono } from 'hono';
import type { z } from 'zod';
import { redactCapture } from '../capture/redact';
import { loadSqlParser } from '../capture/sql-analysis';
import { AppError } from '../errors/app-error';
import { importTrace } from '../gathering/trace-import';
import { parseInput } from '../input/parse-input';
import { startingRecord } from '../jobs/record';
import { jobRoutes } from '../jobs/routes';
import type { RunManager } from '../runs/manager';
import type { TargetResolver } from '../targets/targets';
import { gatheringRoutes } from './gathering-routes';
import type { CaptureManager } from './manager';

export interface CaptureRoutesDeps {
  captures: CaptureManager;
  runs?: RunManager | undefined;
  resolveTarget: TargetResolver;
}

const NOT_FOUND_HINT = 'GET /api/captures lists the stored captures.';

/**
 * `/api/captures`: the job routes (start, list, read, follow live, stop, delete), the capture file
 * (`/:id/export`, `?redact=1` for one to share) and what gathering would buy (gathering-routes.ts).
 */
export function captureRoutes(deps: CaptureRoutesDeps): Hono {
  const read = async (id: string): Promise<CaptureRecord> => {
    const r = await deps.captures.get(id);
    if (!r)
      throw new AppError('not_found', `There is no capture with id "${id.slice(0, 64)}".`, {
        status: 404,
        hint: NOT_FOUND_HINT,
      });
    return r;
  };
  const app = jobRoutes(deps.captures, {
    base: '/api/captures',
    listKey: 'captures',
    parse: (body) =>
      parseInput(CaptureStartRequestSchema, body, 'capture request', 'Fix the fields listed in `issues`.'),
    notFoundHint: NOT_FOUND_HINT,
    heartbeatMs: 5_000,
  });
  app.get('/:id/export', async (c) => {
    const record = await read(c.req.param('id'));
    const redact = ['1', 'true'].includes(c.req.query('redact') ?? '');
    if (redact) await loadSqlParser();
    const capture = redact ? redactCapture(record.capture) : record.capture;
    c.header(
      'Content-Disposition',
      `attachment; filename="capture-${record.id}${redact ? '-redacted' : ''}.json"`,
    );
    return c.json(capture);
  });
  app.route('/', gatheringRoutes({ read, runs: deps.runs, resolveTarget: deps.resolveTarget }));
  return app;
}

/**
 * `POST /api/traces`: an OTLP JSON or Jaeger JSON trace file, stored as a capture marked imported
 * (one request per trace; dependencies there come from SQL and timing only).
 */
export function traceRoutes(captures: CaptureManager): Hono {
  return new Hono().post('/', async (c) => {
    const body = parseInput(
      TraceImportRequestSchema,
      await c.req.json(),
      'trace import',
      'Send {"fileName", "trace"} with the trace file\'s JSON.',
    );
    const { format, capture } = await importTrace(body.trace, body.fileName);
    const record: CaptureRecord = {
      ...startingRecord(),
      status: 'completed',
      finishedAt: new Date().toISOString(),
      kind: 'capture',
      source: format,
      fileName: body.fileName,
      target: { kind: 'default' },
      database: null,
      appUrl: null,
      rttMs: null,
      capture,
    };
    await captures.store.save(record);
    const out: z.infer<typeof ImportedTraceSchema> = {
      id: record.id,
      url: `/api/captures/${record.id}`,
      requests: capture.requests.length,
    };
    return c.json(out, 201);
  });
}
