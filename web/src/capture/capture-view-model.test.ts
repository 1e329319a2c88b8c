import type { CapturedRequest, CapturedStatement, CaptureRecord, RunSummary } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { groupRequests, serialLine } from './groups';
import { applyCaptureEvent, liveFromCaptureRecord, statementCount } from './live';
import { measuredSaving, predictionErrorMs } from './measured';
import { requestTimeline } from './to-timeline';

const stmt = (
  id: string,
  startMs: number,
  endMs: number,
  extra: Partial<CapturedStatement> = {},
): CapturedStatement => ({
  id,
  sql: `SELECT ${id}`,
  params: [],
  paramTypes: [],
  protocol: 'extended',
  statementName: '',
  startMs,
  endMs,
  firstRowMs: startMs + (endMs - startMs) / 2,
  connection: 1,
  backendPid: 4242,
  user: 'app',
  database: 'shop',
  applicationName: '',
  rows: 1,
  bytes: 10,
  commandTag: 'SELECT 1',
  outcome: 'ok',
  error: null,
  txStatus: 'idle',
  tags: {},
  fingerprint: id,
  tablesRead: [],
  tablesWritten: [],
  valueRefs: [],
  ...extra,
});

const request = (
  id: string,
  endpoint: string,
  wallMs: number,
  serial = true,
  extra: Partial<CapturedRequest> = {},
): CapturedRequest => ({
  id,
  groupedBy: 'traceparent',
  traceId: 'a'.repeat(32),
  tags: { route: endpoint },
  endpoint,
  startMs: 100,
  wallMs,
  dbMs: wallMs / 2,
  serialMs: wallMs / 4,
  serialStatements: serial ? 2 : 1,
  connections: [1],
  statements: [stmt(`${id}a`, 100, 102), stmt(`${id}b`, 103, 105), stmt(`${id}c`, 106, 110)],
  ...extra,
});

const record = (requests: CapturedRequest[]): CaptureRecord => ({
  id: 'cap1',
  kind: 'capture',
  createdAt: '2026-12-06T00:00:00Z',
  finishedAt: null,
  status: 'running',
  error: null,
  source: 'proxy',
  fileName: null,
  target: { kind: 'default' },
  database: null,
  appUrl: null,
  rttMs: 0.2,
  capture: {
    version: 1,
    target: 'postgres://app@db/shop',
    listenUrl: 'postgres://app@127.0.0.1:5555/shop',
    startedAt: '2026-12-06T00:00:00Z',
    endedAt: null,
    gapMs: 100,
    redacted: false,
    counts: {
      connections: 1,
      statements: 3,
      requests: requests.length,
      droppedStatements: 0,
      droppedRequests: 0,
      cutConnections: 0,
      cancelRequests: 0,
      unanalysedStatements: 0,
    },
    cuts: [],
    requests,
    endpoints: [],
  },
});

describe('a live capture', () => {
  it('rebuilds from its stream: statements of open requests, then the request when it closes, once each', () => {
    let c = liveFromCaptureRecord(record([request('r0', '/old', 5)]));
    const started = {
      type: 'capture-started' as const,
      captureId: 'cap1',
      listenUrl: 'postgres://app@127.0.0.1:5555/shop',
      appUrl: null,
      database: null,
      gapMs: 100,
      rttMs: 0.2,
    };
    c = applyCaptureEvent(c, started, 1)!;
    // The stream starts at the capture's first event: what the record had is rebuilt from events.
    expect(c.requests).toEqual([]);
    const r = request('r1', '/dashboard', 10);
    c = applyCaptureEvent(c, { type: 'statement', requestId: 'r1', statement: r.statements[0]! }, 2)!;
    c = applyCaptureEvent(c, { type: 'statement', requestId: 'r1', statement: r.statements[0]! }, 2)!;
    expect(c.open.r1).toHaveLength(1);
    expect(statementCount(c)).toBe(1);
    c = applyCaptureEvent(c, { type: 'request', request: r }, 3)!;
    expect(c.open).toEqual({});
    expect(c.requests.map((x) => x.id)).toEqual(['r1']);
    expect(statementCount(c)).toBe(3);
    c = applyCaptureEvent(c, { type: 'done', status: 'completed' }, 4)!;
    expect(c.status).toBe('completed');
  });
});

describe('request groups', () => {
  it('groups by endpoint, ranked by time spent waiting one after another, and says how they were grouped', () => {
    const groups = groupRequests([
      request('a', '/dashboard', 40),
      request('b', '/dashboard', 42),
      request('c', '/dashboard', 50),
      request('d', '/health', 2, false, { groupedBy: 'gap' }),
    ]);
    expect(groups.map((g) => g.endpoint)).toEqual(['/dashboard', '/health']);
    expect(groups[0]).toMatchObject({
      medianWallMs: 42,
      medianStatements: 3,
      allSerial: true,
      byPause: false,
    });
    expect(groups[1]).toMatchObject({ allSerial: false, byPause: true });
    expect(serialLine(request('a', '/x', 1))).toBe('3 statements, all serial');
    expect(serialLine(request('a', '/x', 1, false))).toBe('3 statements, 2 one after another');
  });
});

describe('a captured request as a timeline', () => {
  it('places each statement at its time from the request start, on its connection, with its error', () => {
    const r = request('r', '/dashboard', 10);
    r.statements[2] = stmt('rc', 106, 110, {
      outcome: 'error',
      error: { sqlstate: '42P01', message: 'no table' },
    });
    const t = requestTimeline(r, { ra: 'users' });
    expect(t.workload.queries.map((q) => q.id)).toEqual(['users', 'rb', 'rc']);
    const spans = t.trials[0]!.spans;
    expect(spans.map((s) => [s.start, s.end])).toEqual([
      [0, 2],
      [3, 5],
      [6, 10],
    ]);
    expect(spans[0]!.phases.map((p) => p.phase)).toEqual(['executing', 'reading']);
    expect(spans[0]!.pid).toBe(4242);
    expect(spans[2]!.error).toEqual({ kind: 'query', message: 'no table', sqlstate: '42P01' });
  });
});

describe('a replay measured', () => {
  const stats = (strategy: 'sequential' | 'dependency-aware', median: number) => ({
    strategy,
    wallMs: { n: 10, mean: median, median, p95: median, p99: median, min: median, max: median },
    speedup: null,
    theoreticalMs: 0,
    efficiency: 1,
    perQuery: [],
    failedTrials: 0,
  });
  it('measures the saving from the medians and compares it with the prediction', () => {
    const summary: RunSummary = {
      strategies: [stats('sequential', 30), stats('dependency-aware', 18)],
      theory: { sumMs: 0, maxMs: 0, criticalPathMs: 0, boundedMs: 0, boundedK: 2 },
      verdict: '',
    };
    const m = measuredSaving(summary)!;
    expect(m).toEqual({ sequentialMs: 30, gatheredMs: 18, savingMs: 12 });
    expect(predictionErrorMs(14, m)).toBe(2);
    expect(measuredSaving(null)).toBeNull();
  });
});
