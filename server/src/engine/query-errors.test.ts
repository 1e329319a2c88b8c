import type { Span, Trial } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { describeQueryError, mergeQueryErrors, queryErrors } from './query-errors';

const span = (queryId: string, error?: Span['error']): Span => ({
  strategy: 'sequential',
  trial: 0,
  queryId,
  start: 0,
  end: 1,
  phases: [],
  pid: 1,
  rows: 0,
  bytes: 0,
  ...(error && { error }),
});
const trial = (spans: Span[]): Trial => ({
  strategy: 'sequential',
  trial: 0,
  warmup: false,
  wallMs: 1,
  spans,
  failed: spans.some((s) => s.error),
});
const syntax = { kind: 'query' as const, message: 'syntax error at or near "SELEC"', sqlstate: '42601' };

describe('query errors', () => {
  it('counts each distinct error once per span and leaves a stop’s cancellations out', () => {
    const errors = queryErrors([
      trial([span('bad', syntax), span('child', { kind: 'skipped', message: 'Skipped: "bad" failed.' })]),
      trial([
        span('bad', syntax),
        span('ok'),
        span('x', { kind: 'cancelled', message: 'The run was stopped.' }),
      ]),
    ]);
    expect(errors).toEqual([
      { queryId: 'bad', ...syntax, count: 2 },
      { queryId: 'child', kind: 'skipped', message: 'Skipped: "bad" failed.', count: 1 },
    ]);
    expect(mergeQueryErrors([errors, errors.slice(0, 1)])[0]!.count).toBe(4);
    // In the workload's order, whichever failed first.
    expect(
      queryErrors([trial([span('b', syntax), span('a', syntax)])], ['a', 'b']).map((e) => e.queryId),
    ).toEqual(['a', 'b']);
  });

  it('describes the error the database raised rather than the skip it caused', () => {
    expect(
      describeQueryError([
        { queryId: 'child', kind: 'skipped', message: 'Skipped: "bad" failed.', count: 1 },
        { queryId: 'bad', ...syntax, count: 1 },
      ]),
    ).toBe(
      'query "bad" failed: syntax error at or near "SELEC" (SQLSTATE 42601), and 1 other query had errors',
    );
    expect(describeQueryError([])).toBeNull();
  });
});
