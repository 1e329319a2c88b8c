import { describe, expect, it } from 'vitest';
import { span } from './fixtures';
import { acquiredAt, connectionCount, layoutPanel } from './layout';

const workload = { queries: [{ id: 'user' }, { id: 'orders' }, { id: 'reviews' }] } as never;

describe('layoutPanel', () => {
  it('puts one query per row in workload order, whatever order the spans arrive in', () => {
    const l = layoutPanel(
      [span({ queryId: 'reviews', start: 0, end: 3 }), span({ queryId: 'user', start: 1, end: 2, pid: 7 })],
      workload,
      'query',
    );
    expect(l.rows.map((r) => r.key)).toEqual(['user', 'orders', 'reviews']);
    expect(l.bars.find((b) => b.span.queryId === 'reviews')?.row).toBe(2);
    expect(l.bars.find((b) => b.span.queryId === 'user')?.row).toBe(0);
    expect(l.endMs).toBe(3);
  });

  it('puts every span of one connection on one row in per-connection mode', () => {
    const spans = [
      span({ queryId: 'user', start: 0, end: 1, pid: 42 }),
      span({ queryId: 'orders', start: 1, end: 2, pid: 42 }),
      span({ queryId: 'reviews', start: 2, end: 3, pid: 42 }),
    ];
    const l = layoutPanel(spans, workload, 'connection');
    expect(l.rows).toEqual([{ key: '42', label: 'pid 42' }]);
    expect(new Set(l.bars.map((b) => b.row))).toEqual(new Set([0]));
  });

  it('orders connections by first use and gives spans without a connection their own row', () => {
    const l = layoutPanel(
      [
        span({ queryId: 'orders', start: 2, end: 3, pid: 9 }),
        span({ queryId: 'user', start: 0, end: 1, pid: 5 }),
        span({ queryId: 'reviews', start: 0.5, end: 0.6, pid: null }),
      ],
      workload,
      'connection',
    );
    expect(l.rows.map((r) => r.label)).toEqual(['pid 5', 'no connection', 'pid 9']);
  });

  it('keeps a row for a query seen in spans but missing from the workload', () => {
    const l = layoutPanel([span({ queryId: 'extra', start: 0, end: 1 })], workload, 'query');
    expect(l.rows.at(-1)?.key).toBe('extra');
  });
});

describe('connectionCount', () => {
  it('counts distinct pids and ignores spans that never got a connection', () => {
    expect(
      connectionCount([
        span({ queryId: 'a', start: 0, end: 1, pid: 1 }),
        span({ queryId: 'b', start: 0, end: 1, pid: 2 }),
        span({ queryId: 'c', start: 0, end: 1, pid: 1 }),
        span({ queryId: 'd', start: 0, end: 1, pid: null }),
      ]),
    ).toBe(2);
  });
});

describe('per-connection paint order', () => {
  it('paints spans queued on one connection so that every executing phase stays on top', () => {
    const queued = (queryId: string, waitEnd: number, end: number) =>
      span({
        queryId,
        start: 0,
        end,
        pid: 1,
        phases: [
          ...(waitEnd > 0 ? [{ phase: 'waiting' as const, start: 0, end: waitEnd }] : []),
          { phase: 'executing' as const, start: waitEnd, end },
        ],
      });
    const spans = [queued('user', 0, 5), queued('orders', 5, 10), queued('reviews', 10, 15)];
    expect(spans.map(acquiredAt)).toEqual([0, 5, 10]);
    const l = layoutPanel(spans, workload, 'connection');
    expect(l.bars.map((b) => b.span.queryId)).toEqual(['reviews', 'orders', 'user']);
  });

  it('paints a pipeline so that each statement shows from the previous answer to its own', () => {
    // All sent at 0 on one connection, answered at 5, 10 and 15.
    const sent = (queryId: string, end: number) =>
      span({ queryId, start: 0, end, pid: 1, phases: [{ phase: 'executing' as const, start: 0, end }] });
    const l = layoutPanel([sent('user', 5), sent('reviews', 15), sent('orders', 10)], workload, 'connection');
    expect(l.bars.map((b) => b.span.queryId)).toEqual(['reviews', 'orders', 'user']);
  });
});
