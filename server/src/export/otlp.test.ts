import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sampleRun } from '../../test/support/sample-run';
import { toOtlp } from './otlp';

// The OTLP/JSON structure from opentelemetry-proto (trace/v1/trace.proto, JSON mapping rules).
const AnyValue = z.union([
  z.object({ stringValue: z.string() }).strict(),
  z.object({ intValue: z.string().regex(/^-?\d+$/) }).strict(),
  z.object({ boolValue: z.boolean() }).strict(),
  z.object({ doubleValue: z.number() }).strict(),
]);
const Attributes = z.array(z.object({ key: z.string().min(1), value: AnyValue }).strict());
const UnixNano = z.string().regex(/^\d{19}$/, 'unix nanoseconds as a decimal string');
const OtlpSpan = z
  .object({
    traceId: z.string().regex(/^[0-9a-f]{32}$/),
    spanId: z.string().regex(/^[0-9a-f]{16}$/),
    parentSpanId: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .optional(),
    name: z.string().min(1),
    kind: z.number().int().min(0).max(5),
    startTimeUnixNano: UnixNano,
    endTimeUnixNano: UnixNano,
    attributes: Attributes,
    events: z.array(z.object({ timeUnixNano: UnixNano, name: z.string(), attributes: Attributes }).strict()),
    status: z.object({ code: z.number().int().min(0).max(2), message: z.string().optional() }).strict(),
  })
  .strict();
const Otlp = z
  .object({
    resourceSpans: z.array(
      z.object({
        resource: z.object({ attributes: Attributes }),
        scopeSpans: z.array(
          z.object({ scope: z.object({ name: z.string(), version: z.string() }), spans: z.array(OtlpSpan) }),
        ),
      }),
    ),
  })
  .strict();

const attr = (span: z.infer<typeof OtlpSpan>, key: string) =>
  span.attributes.find((a) => a.key === key)?.value;

describe('OTLP export', () => {
  const run = sampleRun();
  const otlp = Otlp.parse(JSON.parse(JSON.stringify(toOtlp(run))));
  const spans = otlp.resourceSpans[0]!.scopeSpans[0]!.spans;

  it('has a trace per trial with a root span and a client span per query', () => {
    const traces = new Set(spans.map((s) => s.traceId));
    expect(traces.size).toBe(run.trials.length);
    const querySpans = spans.filter((s) => s.parentSpanId);
    expect(querySpans).toHaveLength(run.trials.reduce((n, t) => n + t.spans.length, 0));
    for (const q of querySpans) {
      const root = spans.find((s) => s.spanId === q.parentSpanId);
      expect(root?.traceId).toBe(q.traceId);
      expect(q.kind).toBe(3);
    }
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);
  });

  it('carries the database semantic-convention attributes, the SQL and the rows', () => {
    const q = spans.find((s) => s.name === 'SELECT orders')!;
    expect(attr(q, 'db.system')).toEqual({ stringValue: 'postgresql' });
    expect(attr(q, 'db.name')).toEqual({ stringValue: 'gatherscope_demo' });
    expect(attr(q, 'db.statement')).toEqual({ stringValue: run.workload.queries[1]!.sql });
    expect(attr(q, 'db.response.returned_rows')).toEqual({ intValue: '10' });
    expect(q.events.map((e) => e.name)).toEqual(['waiting', 'executing', 'reading']);
  });

  it('places spans in unix nanoseconds from the run start, with exact sub-millisecond offsets', () => {
    const base = BigInt(Date.parse(run.createdAt)) * 1_000_000n;
    const first = spans.find((s) => s.parentSpanId)!;
    expect(BigInt(first.startTimeUnixNano)).toBe(base);
    // sequential warm-up: "user" runs 0..15 ms
    expect(BigInt(first.endTimeUnixNano) - base).toBe(15_000_000n);
    for (const s of spans) expect(BigInt(s.endTimeUnixNano) >= BigInt(s.startTimeUnixNano)).toBe(true);
    // the second trial starts after the first one's wall time
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(BigInt(roots[1]!.startTimeUnixNano) - base).toBe(BigInt(run.trials[0]!.wallMs * 1e6));
  });

  it('places each trial at its recorded start when the run kept it (sub-millisecond, not rounded to ms)', () => {
    const recorded = sampleRun();
    const startedAt = 1_795_000_000_123.25;
    recorded.trials = recorded.trials.map((t, i) => ({ ...t, startedAt: startedAt + i * 1000 }));
    const all = Otlp.parse(JSON.parse(JSON.stringify(toOtlp(recorded)))).resourceSpans[0]!.scopeSpans[0]!
      .spans;
    const roots = all.filter((s) => !s.parentSpanId);
    expect(roots[0]!.startTimeUnixNano).toBe('1795000000123250000');
    expect(BigInt(roots[2]!.startTimeUnixNano) - BigInt(roots[0]!.startTimeUnixNano)).toBe(2_000_000_000n);
    const firstQuery = all.find((s) => s.parentSpanId === roots[0]!.spanId)!;
    expect(BigInt(firstQuery.endTimeUnixNano) - BigInt(firstQuery.startTimeUnixNano)).toBe(15_000_000n);
  });

  it('marks failed queries with an error status, the SQLSTATE and the message', () => {
    const failed = spans.filter((s) => s.status.code === 2 && s.parentSpanId);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.status.message).toContain('does not exist');
    expect(attr(failed[0]!, 'db.response.status_code')).toEqual({ stringValue: '42P01' });
  });

  it('gives the same ids when the same run is exported twice', () => {
    expect(toOtlp(run)).toEqual(toOtlp(sampleRun()));
  });
});
