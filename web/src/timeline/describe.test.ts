import { describe, expect, it } from 'vitest';
import { describeSpan } from './describe';
import { span } from './fixtures';

describe('describeSpan', () => {
  it('reads out duration, strategy and trial, phases, connection and rows', () => {
    const s = span({
      queryId: 'orders',
      strategy: 'concurrent',
      trial: 0,
      start: 2,
      end: 14,
      pid: 77,
      rows: 10,
      phases: [
        { phase: 'waiting', start: 2, end: 4 },
        { phase: 'executing', start: 4, end: 14 },
      ],
    });
    expect(describeSpan(s)).toBe(
      'orders: 12.0 ms, Concurrent trial 0, from 2.00 ms, waiting 2.00 ms, executing 10.0 ms, pid 77, 10 rows',
    );
  });

  it('says why a query failed instead of its rows', () => {
    const s = span({
      queryId: 'bad',
      start: 0,
      end: 1,
      pid: null,
      error: { kind: 'query', message: 'syntax error' },
    });
    expect(describeSpan(s)).toMatch(/no connection, failed: syntax error$/);
  });
});
