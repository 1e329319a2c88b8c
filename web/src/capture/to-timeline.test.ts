import { describe, expect, it } from 'vitest';
import { request, stmt } from './test-fixtures';
import { requestTimeline } from './to-timeline';

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
