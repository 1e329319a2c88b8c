import type { Span, Trial } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { pipelinedCosts } from './pipelined-costs';
import { pipelinedMs } from './theory';

/** A pipelined span sent at `sent`, answered at `end`, on backend 7. */
const span = (queryId: string, sent: number, end: number): Span => ({
  strategy: 'pipelined',
  trial: 0,
  queryId,
  start: sent,
  end,
  phases: [{ phase: 'executing', start: sent, end }],
  pid: 7,
  rows: 1,
  bytes: 1,
});
const trial = (spans: Span[]): Trial => ({
  strategy: 'pipelined',
  trial: 0,
  warmup: false,
  wallMs: Math.max(...spans.map((s) => s.end)),
  failed: false,
  spans,
});

describe('pipelined costs', () => {
  it('takes from each span only its own part, plus the round trip it shared', () => {
    // Sent together at 0 under a 30 ms round trip; the server takes 50, 100 and 80 ms in turn.
    const spans = [span('a', 0, 80), span('b', 0.1, 180), span('c', 0.2, 260)];
    const costs = pipelinedCosts([trial(spans)], 30);
    expect(spans.map((s) => costs.get(s))).toEqual([80, 130, 110]);
    // The model gives back what was measured: one round trip plus the server's 230 ms.
    const qs = spans.map((s) => ({ id: s.queryId, ms: costs.get(s)!, dependsOn: [] }));
    expect(pipelinedMs(qs, 30)).toBe(260);
  });

  it('a later wave is costed on its own, and failed spans are left out', () => {
    const second = span('d', 300, 340);
    const failed = { ...span('e', 0, 90), error: { kind: 'query' as const, message: 'x' } };
    const costs = pipelinedCosts([trial([span('a', 0, 60), failed, second])], 30);
    expect(costs.get(second)).toBe(40);
    expect(costs.has(failed)).toBe(false);
  });
});
