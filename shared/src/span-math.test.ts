import { describe, expect, it } from 'vitest';
import type { Span } from './span';
import { isCutTrial, phaseDurations, phaseMs, spanCostMs } from './span-math';

const span = (over: Partial<Span> = {}): Span => ({
  strategy: 'concurrent',
  trial: 0,
  queryId: 'q',
  start: 0,
  end: 20,
  phases: [
    { phase: 'waiting', start: 0, end: 4 },
    { phase: 'connecting', start: 4, end: 6 },
    { phase: 'executing', start: 6, end: 10 },
    { phase: 'delay', start: 10, end: 12 },
    { phase: 'executing', start: 12, end: 15 },
    { phase: 'reading', start: 15, end: 20 },
  ],
  pid: 1,
  rows: 1,
  bytes: 8,
  ...over,
});

describe('phase sums', () => {
  it('add up the parts of a phase that repeats and leave out phases never entered', () => {
    expect(phaseDurations(span().phases)).toEqual({
      waiting: 4,
      connecting: 2,
      executing: 7,
      delay: 2,
      reading: 5,
    });
    expect(phaseDurations([{ phase: 'reading', start: 1, end: 3 }])).toEqual({ reading: 2 });
  });
  it('never count a phase that ends before it starts as negative time', () => {
    expect(phaseDurations([{ phase: 'executing', start: 5, end: 4 }])).toEqual({ executing: 0 });
  });
  it("give a span's cost without its wait for a connection", () => {
    expect(phaseMs(span(), 'waiting')).toBe(4);
    expect(phaseMs(span(), 'delay')).toBe(2);
    expect(phaseMs(span({ phases: [] }), 'waiting')).toBe(0);
    expect(spanCostMs(span())).toBe(16);
  });
});

describe('trials cut by Stop', () => {
  it('are the trials with a cancelled query, not those that failed otherwise', () => {
    const cancelled = span({ error: { kind: 'cancelled', message: 'The run was stopped.' } });
    const failed = span({ error: { kind: 'query', message: 'boom' } });
    expect(isCutTrial({ spans: [span(), cancelled] })).toBe(true);
    expect(isCutTrial({ spans: [span(), failed] })).toBe(false);
    expect(isCutTrial({ spans: [] })).toBe(false);
  });
});
