import { createHash } from 'node:crypto';
import type { RunRecord, Span, Trial } from '@gatherscope/shared';
import { APP_VERSION } from '../http/health-routes';

/** OTLP/JSON (opentelemetry-proto, JSON encoding): the shape Jaeger and Grafana Tempo import. */
type AnyValue =
  | { stringValue: string }
  | { intValue: string }
  | { boolValue: boolean }
  | { doubleValue: number };
export interface OtlpAttribute {
  key: string;
  value: AnyValue;
}
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** 1 internal, 3 client. */
  kind: 1 | 3;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttribute[];
  events: { timeUnixNano: string; name: string; attributes: OtlpAttribute[] }[];
  /** code 1 ok, 2 error. */
  status: { code: 1 | 2; message?: string };
}
export interface OtlpTrace {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { scope: { name: string; version: string }; spans: OtlpSpan[] }[];
  }[];
}

const str = (key: string, v: string): OtlpAttribute => ({ key, value: { stringValue: v } });
const int = (key: string, v: number): OtlpAttribute => ({ key, value: { intValue: String(Math.round(v)) } });
const bool = (key: string, v: boolean): OtlpAttribute => ({ key, value: { boolValue: v } });

/** Stable ids: exporting the same run twice gives the same trace, so a re-import into Tempo deduplicates. */
function hexId(length: 32 | 16, ...parts: (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, length);
}

function nanos(baseNs: bigint, offsetMs: number): string {
  return (baseNs + BigInt(Math.round(offsetMs * 1e6))).toString();
}

/** The first SQL keyword (SELECT, WITH …): OpenTelemetry's db.operation.name. */
function operationOf(sql: string): string {
  const m = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*([A-Za-z]+)/.exec(sql);
  return (m?.[1] ?? 'QUERY').toUpperCase();
}

function querySpan(
  run: RunRecord,
  trial: Trial,
  span: Span,
  traceId: string,
  parent: string,
  baseNs: bigint,
) {
  const sql = run.workload.queries.find((q) => q.id === span.queryId)?.sql ?? '';
  const spanId = hexId(16, run.id, trial.strategy, trial.trial, span.queryId);
  const otlp: OtlpSpan = {
    traceId,
    spanId,
    parentSpanId: parent,
    name: `${operationOf(sql)} ${span.queryId}`,
    kind: 3,
    startTimeUnixNano: nanos(baseNs, span.start),
    endTimeUnixNano: nanos(baseNs, span.end),
    attributes: [
      str('db.system', 'postgresql'),
      str('db.system.name', 'postgresql'),
      str('db.name', run.database.name),
      str('db.namespace', run.database.name),
      str('db.statement', sql),
      str('db.query.text', sql),
      str('db.operation.name', operationOf(sql)),
      int('db.response.returned_rows', span.rows),
      int('gatherscope.bytes', span.bytes),
      str('gatherscope.query_id', span.queryId),
      ...(span.pid === null ? [] : [int('db.postgresql.backend_pid', span.pid)]),
      ...(span.error?.sqlstate ? [str('db.response.status_code', span.error.sqlstate)] : []),
      ...(span.error ? [str('error.type', span.error.kind)] : []),
    ],
    // Phases become events at their start, with their duration: trace viewers show them on the span.
    events: span.phases.map((p) => ({
      timeUnixNano: nanos(baseNs, p.start),
      name: p.phase,
      attributes: [{ key: 'duration_ms', value: { doubleValue: p.end - p.start } }],
    })),
    status: span.error ? { code: 2, message: span.error.message } : { code: 1 },
  };
  return otlp;
}

/** Unix epoch ms (fractional) in nanoseconds, without the precision a double loses at that size. */
function epochNanos(ms: number): bigint {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
}

/**
 * One trace per trial: a root span for the trial with a client span per query, at the trial's
 * recorded start. Runs recorded before trials kept their start (and imports of them) place each
 * trial at the run's start plus the wall times of the trials before it.
 */
export function toOtlp(run: RunRecord): OtlpTrace {
  const spans: OtlpSpan[] = [];
  let offsetMs = 0;
  const runStartNs = BigInt(Date.parse(run.createdAt)) * 1_000_000n;
  for (const trial of run.trials) {
    const baseNs =
      trial.startedAt !== undefined
        ? epochNanos(trial.startedAt)
        : runStartNs + BigInt(Math.round(offsetMs * 1e6));
    offsetMs += trial.wallMs;
    const traceId = hexId(32, run.id, trial.strategy, trial.trial);
    const rootId = hexId(16, run.id, trial.strategy, trial.trial, '(trial)');
    const failed = trial.failed || trial.spans.some((s) => s.error);
    spans.push({
      traceId,
      spanId: rootId,
      name: `${run.workload.name} · ${trial.strategy} · trial ${trial.trial}`,
      kind: 1,
      startTimeUnixNano: nanos(baseNs, 0),
      endTimeUnixNano: nanos(baseNs, trial.wallMs),
      attributes: [
        str('gatherscope.run_id', run.id),
        str('gatherscope.strategy', trial.strategy),
        int('gatherscope.trial', trial.trial),
        bool('gatherscope.warmup', trial.warmup),
        str('db.system', 'postgresql'),
        str('db.name', run.database.name),
      ],
      events: [],
      status: failed ? { code: 2, message: 'a query of this trial failed' } : { code: 1 },
    });
    for (const s of trial.spans) spans.push(querySpan(run, trial, s, traceId, rootId, baseNs));
  }
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            str('service.name', 'gatherscope'),
            str('service.version', APP_VERSION),
            str('gatherscope.run_id', run.id),
            str('gatherscope.workload', run.workload.name),
            str('db.system', 'postgresql'),
            str('db.name', run.database.name),
            str('db.postgresql.server_version', run.database.serverVersion),
          ],
        },
        scopeSpans: [{ scope: { name: 'gatherscope', version: APP_VERSION }, spans }],
      },
    ],
  };
}
