/**
 * Statements → requests. A statement whose sqlcommenter tags carry a W3C traceparent joins the
 * request of that trace id, whatever connection it ran on; an untagged statement joins the open
 * request of its connection unless the connection was idle longer than the gap (then a new one
 * starts). Value links (`valueRefs`) are found as a statement joins: its parameters and literals are
 * looked up among the hashes of values the request's earlier statements returned. The hashes live
 * only while the request is open; no value is ever kept.
 */
import type { CapturedRequest, CapturedStatement, ValueRef } from '@gatherscope/shared';
import { shapeName } from './endpoints';
import { serialMs, serialStatements, unionMs } from './request-metrics';
import type { SqlFacts } from './sql-analysis';
import { endpointName, traceIdOf } from './sqlcommenter';
import { hashValue } from './values';

interface OpenRequest {
  request: CapturedRequest;
  key: string;
  lastEndMs: number;
  values: Map<number, { statementId: string; column: string }>;
}

export interface RequestBookOptions {
  gapMs: number;
  /** A traced request closes after this long without a statement (its trace may pause for app work). */
  traceIdleMs: number;
  maxStatements: number;
  onClosed: (r: CapturedRequest) => void;
}

export class RequestBook {
  private readonly open = new Map<string, OpenRequest>();
  private readonly closed: CapturedRequest[] = [];
  /** Recently closed traced requests, by key: a late statement of the same trace reopens its request. */
  private readonly closedTraces = new Map<string, OpenRequest>();
  private nextId = 1;
  stored = 0;
  droppedStatements = 0;
  droppedRequests = 0;

  constructor(private readonly opts: RequestBookOptions) {}

  /** Files a finished statement; returns the id of its request. */
  add(s: CapturedStatement, facts: SqlFacts, resultHashes: Map<number, string>): string {
    const traceId = traceIdOf(s.tags.traceparent);
    const key = traceId ? `trace:${traceId}` : `conn:${s.connection}`;
    let r = this.open.get(key) ?? (traceId ? this.reopen(key) : undefined);
    if (r && !traceId && s.startMs - r.lastEndMs > this.opts.gapMs) {
      this.close(key);
      r = undefined;
    }
    if (!r) {
      r = {
        key,
        lastEndMs: s.endMs,
        values: new Map(),
        request: {
          id: `r${this.nextId++}`,
          groupedBy: traceId ? 'traceparent' : 'gap',
          traceId,
          tags: {},
          endpoint: '',
          startMs: s.startMs,
          wallMs: 0,
          dbMs: 0,
          serialMs: 0,
          serialStatements: 0,
          connections: [],
          statements: [],
        },
      };
      this.open.set(key, r);
    }
    s.valueRefs = this.refsOf(s, facts, r.values);
    for (const [h, column] of resultHashes)
      if (!r.values.has(h)) r.values.set(h, { statementId: s.id, column });
    // The trace context differs per request by definition; the other tags name the endpoint.
    for (const [k, v] of Object.entries(s.tags))
      if (k !== 'traceparent' && k !== 'tracestate') r.request.tags[k] = v;
    r.request.statements.push(s);
    r.lastEndMs = Math.max(r.lastEndMs, s.endMs);
    this.stored++;
    this.enforceCap();
    return r.request.id;
  }

  private refsOf(s: CapturedStatement, facts: SqlFacts, values: OpenRequest['values']): ValueRef[] {
    const refs: ValueRef[] = [];
    if (values.size === 0) return refs;
    s.params.forEach((p, index) => {
      const hit = p ? values.get(hashValue(p)) : undefined;
      if (hit) refs.push({ use: { kind: 'param', index }, ...hit });
    });
    for (const lit of facts.literals) {
      const hit = lit.value ? values.get(hashValue(lit.value)) : undefined;
      if (hit) refs.push({ use: { kind: 'literal', offset: lit.offset }, ...hit });
    }
    return refs;
  }

  /**
   * Closes requests idle since before `nowMs` minus their gap; call it on a timer. A connection whose
   * statement started within the gap and still runs keeps its request open: the pause was shorter.
   */
  closeIdle(nowMs: number, runningSince: (connection: number) => number | null = () => null): void {
    for (const [key, r] of this.open) {
      const idle = r.request.groupedBy === 'gap' ? this.opts.gapMs : this.opts.traceIdleMs;
      if (nowMs - r.lastEndMs <= idle) continue;
      if (r.request.groupedBy === 'gap') {
        const since = runningSince(r.request.statements[0]!.connection);
        if (since !== null && since - r.lastEndMs <= idle) continue;
      }
      this.close(key);
    }
  }

  closeAll(): void {
    for (const key of [...this.open.keys()]) this.close(key);
  }

  /**
   * A traced request closed while one of its statements still ran (longer than the idle time): the
   * statement rejoins it rather than starting a second request with the same trace id.
   */
  private reopen(key: string): OpenRequest | undefined {
    const r = this.closedTraces.get(key);
    if (!r) return undefined;
    this.closedTraces.delete(key);
    const i = this.closed.indexOf(r.request);
    if (i < 0) return undefined; // dropped by the cap meanwhile
    this.closed.splice(i, 1);
    this.open.set(key, r);
    return r;
  }

  private close(key: string): void {
    const r = this.open.get(key);
    if (!r) return;
    this.open.delete(key);
    if (r.request.groupedBy === 'traceparent') {
      this.closedTraces.set(key, r);
      if (this.closedTraces.size > 1000) this.closedTraces.delete(this.closedTraces.keys().next().value!);
    }
    finalize(r.request);
    this.closed.push(r.request);
    this.opts.onClosed(r.request);
  }

  /** Oldest requests go first (closed ones, then open ones) when the statement cap is reached. */
  private enforceCap(): void {
    while (this.stored > this.opts.maxStatements) {
      const victim = this.closed.shift() ?? this.oldestOpen();
      if (!victim) return;
      this.stored -= victim.statements.length;
      this.droppedStatements += victim.statements.length;
      this.droppedRequests++;
    }
  }

  private oldestOpen(): CapturedRequest | undefined {
    const first = this.open.entries().next();
    if (first.done) return undefined;
    this.open.delete(first.value[0]);
    return first.value[1].request;
  }

  /** Every request kept, oldest first; open ones summarised as they stand. */
  requests(): CapturedRequest[] {
    const open = [...this.open.values()].map((o) => finalize(structuredClone(o.request)));
    return [...this.closed, ...open].sort((a, b) => a.startMs - b.startMs);
  }

  get openCount(): number {
    return this.open.size;
  }
}

export function finalize(r: CapturedRequest): CapturedRequest {
  const st = r.statements.sort((a, b) => a.startMs - b.startMs);
  r.startMs = st[0]?.startMs ?? 0;
  r.wallMs = Math.max(0, ...st.map((s) => s.endMs)) - r.startMs;
  r.dbMs = unionMs(st);
  r.serialMs = serialMs(st);
  r.serialStatements = serialStatements(st);
  r.connections = [...new Set(st.map((s) => s.connection))].sort((a, b) => a - b);
  r.endpoint = endpointName(r.tags) ?? shapeName(st);
  return r;
}
