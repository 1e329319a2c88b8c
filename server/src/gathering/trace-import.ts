import type { Capture, CapturedRequest, CapturedStatement } from '@gatherscope/shared';
import { endpointGroups, shapeName } from '../capture/endpoints';
import { serialMs, serialStatements, unionMs } from '../capture/request-metrics';
import { analyseSql, loadSqlParser } from '../capture/sql-analysis';
import { AppError } from '../errors/app-error';

/** One span as both formats carry it: times in milliseconds since the epoch. */
interface Span {
  traceId: string;
  spanId: string;
  parentId: string | null;
  name: string;
  startMs: number;
  endMs: number;
  attrs: Record<string, string>;
  error: string | null;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** An OTLP AnyValue as text. */
function otlpValue(v: unknown): string {
  if (!isObj(v)) return '';
  for (const k of ['stringValue', 'intValue', 'doubleValue', 'boolValue'])
    if (k in v) return str(v[k]) || String(v[k]);
  return '';
}

function otlpSpans(doc: Json): Span[] {
  return arr(doc.resourceSpans).flatMap((rs) =>
    arr(isObj(rs) ? rs.scopeSpans : []).flatMap((ss) =>
      arr(isObj(ss) ? ss.spans : []).flatMap((s): Span[] => {
        if (!isObj(s)) return [];
        const attrs: Record<string, string> = {};
        for (const a of arr(s.attributes)) if (isObj(a)) attrs[str(a.key)] = otlpValue(a.value);
        const status = isObj(s.status) ? s.status : {};
        const failed = status.code === 2 || status.code === 'STATUS_CODE_ERROR';
        return [
          {
            traceId: str(s.traceId),
            spanId: str(s.spanId),
            parentId: str(s.parentSpanId) || null,
            name: str(s.name),
            startMs: Number(BigInt(str(s.startTimeUnixNano) || '0') / 1000n) / 1000,
            endMs: Number(BigInt(str(s.endTimeUnixNano) || '0') / 1000n) / 1000,
            attrs,
            error: failed ? str(status.message) || 'error' : null,
          },
        ];
      }),
    ),
  );
}

function jaegerSpans(doc: Json): Span[] {
  return arr(doc.data).flatMap((t) =>
    arr(isObj(t) ? t.spans : []).flatMap((s): Span[] => {
      if (!isObj(s)) return [];
      const attrs: Record<string, string> = {};
      for (const tag of arr(s.tags))
        if (isObj(tag)) attrs[str(tag.key)] = str(tag.value) || String(tag.value);
      const parent = arr(s.references).find((r) => isObj(r) && r.refType === 'CHILD_OF');
      const start = Number(s.startTime) / 1000;
      return [
        {
          traceId: str(s.traceID),
          spanId: str(s.spanID),
          parentId: isObj(parent) ? str(parent.spanID) : null,
          name: str(s.operationName),
          startMs: start,
          endMs: start + Number(s.duration) / 1000,
          attrs,
          error: attrs.error === 'true' ? attrs['otel.status_description'] || 'error' : null,
        },
      ];
    }),
  );
}

const isPostgres = (s: Span) =>
  (s.attrs['db.system'] ?? s.attrs['db.system.name'] ?? '').toLowerCase() === 'postgresql';
const sqlOf = (s: Span) => s.attrs['db.query.text'] ?? s.attrs['db.statement'] ?? '';

/**
 * Python drivers record the SQL before binding, with `%s` or `%(name)s` where the values go; as `$n`
 * PostgreSQL's parser reads it (for the tables and the fingerprint). Only for analysis: the SQL shown
 * is the one recorded.
 */
function parseable(sql: string): string {
  let n = 0;
  return sql.replace(/%\(\w+\)s|%s/g, () => `$${++n}`);
}

export interface ImportedTrace {
  format: 'otlp' | 'jaeger';
  capture: Capture;
}

/**
 * An imported trace (OTLP JSON, as Gatherscope exports it, or Jaeger JSON) as a capture: one request
 * per trace, its PostgreSQL spans (`db.system` postgresql, SQL in `db.query.text` or `db.statement`)
 * as statements, the route from the root span's `http.route` or name. A trace has no result rows,
 * so no value links: dependencies come from the SQL and the timing only.
 */
export async function importTrace(doc: unknown, fileName = 'trace'): Promise<ImportedTrace> {
  if (!isObj(doc)) throw notATrace(fileName);
  const format = 'resourceSpans' in doc ? 'otlp' : 'data' in doc ? 'jaeger' : null;
  if (!format) throw notATrace(fileName);
  const spans = format === 'otlp' ? otlpSpans(doc) : jaegerSpans(doc);
  await loadSqlParser();
  const traces = new Map<string, Span[]>();
  for (const s of spans) traces.set(s.traceId, [...(traces.get(s.traceId) ?? []), s]);
  const origin = Math.min(...spans.map((s) => s.startMs));
  const requests: CapturedRequest[] = [];
  let n = 0;
  for (const [traceId, list] of traces) {
    const db = list.filter((s) => isPostgres(s) && sqlOf(s)).sort((a, b) => a.startMs - b.startMs);
    if (db.length === 0) continue;
    const root = list.find((s) => !s.parentId || !list.some((p) => p.spanId === s.parentId)) ?? db[0]!;
    const statements: CapturedStatement[] = db.map((s) => {
      const facts = analyseSql(parseable(sqlOf(s)));
      return {
        id: `${traceId.slice(0, 8)}-${s.spanId}`,
        sql: sqlOf(s),
        params: [],
        paramTypes: [],
        protocol: 'extended',
        statementName: null,
        startMs: s.startMs - origin,
        endMs: s.endMs - origin,
        firstRowMs: null,
        connection: 0,
        backendPid: null,
        user: s.attrs['db.user'] ?? '',
        database: s.attrs['db.namespace'] ?? s.attrs['db.name'] ?? '',
        applicationName: '',
        rows: Number(s.attrs['db.response.returned_rows'] ?? 0) || 0,
        bytes: 0,
        commandTag: null,
        outcome: s.error ? 'error' : 'ok',
        error: s.error ? { sqlstate: s.attrs['db.response.status_code'] ?? '', message: s.error } : null,
        txStatus: null,
        tags: facts.tags,
        fingerprint: facts.fingerprint,
        tablesRead: facts.tablesRead,
        tablesWritten: facts.tablesWritten,
        valueRefs: [],
      };
    });
    const route = root.attrs['http.route'] ?? statements.map((s) => s.tags.route).find(Boolean);
    const tags: Record<string, string> = route ? { route } : {};
    requests.push({
      id: `t${++n}`,
      groupedBy: 'traceparent',
      traceId,
      tags,
      endpoint: route ?? shapeName(statements),
      startMs: Math.min(root.startMs, db[0]!.startMs) - origin,
      wallMs: Math.max(root.endMs, ...db.map((s) => s.endMs)) - Math.min(root.startMs, db[0]!.startMs),
      dbMs: unionMs(statements),
      serialMs: serialMs(statements),
      serialStatements: serialStatements(statements),
      connections: [0],
      statements,
    });
  }
  if (requests.length === 0) {
    throw new AppError('validation_failed', `${fileName} has no PostgreSQL spans.`, {
      status: 400,
      hint: 'Gatherscope reads spans with db.system = postgresql and their SQL in db.query.text or db.statement.',
    });
  }
  return {
    format,
    capture: {
      version: 1,
      target: `imported ${format === 'otlp' ? 'OTLP' : 'Jaeger'} trace (${fileName})`,
      listenUrl: '',
      startedAt: new Date(origin).toISOString(),
      endedAt: null,
      gapMs: 0,
      redacted: false,
      counts: {
        connections: 0,
        statements: requests.reduce((t, r) => t + r.statements.length, 0),
        requests: requests.length,
        droppedStatements: 0,
        droppedRequests: 0,
        cutConnections: 0,
        cancelRequests: 0,
        unanalysedStatements: 0,
      },
      cuts: [],
      requests,
      endpoints: endpointGroups(requests),
    },
  };
}

const notATrace = (fileName: string) =>
  new AppError('validation_failed', `${fileName} is neither an OTLP JSON trace nor a Jaeger JSON trace.`, {
    status: 400,
    hint: 'Export OTLP JSON (resourceSpans…) or Jaeger JSON (data[].spans…), e.g. from Jaeger’s UI “Download JSON”.',
  });
