import { describe, expect, it } from 'vitest';
import { applyCaptureEvent, liveFromCaptureRecord, statementCount } from './live';
import { record, request } from './test-fixtures';

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
