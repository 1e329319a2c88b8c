import type { Span, Trial } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { type DetectorQuery, detectConsecutive } from './detector';

const span = (queryId: string, start: number, end: number, extra: Partial<Span> = {}): Span => ({
  strategy: 'sequential',
  trial: 0,
  queryId,
  start,
  end,
  phases: [{ phase: 'executing', start, end }],
  pid: 1,
  rows: 1,
  bytes: 10,
  ...extra,
});

const trial = (spans: Span[], over: Partial<Trial> = {}): Trial => ({
  strategy: 'sequential',
  trial: 0,
  warmup: false,
  wallMs: Math.max(...spans.map((s) => s.end)),
  spans,
  failed: false,
  ...over,
});

const slow: DetectorQuery[] = [
  { id: 'stats', sql: 'SELECT 1' },
  { id: 'users', sql: 'SELECT 2' },
  { id: 'pending', sql: 'select 3' },
  { id: 'logs', sql: 'WITH x AS (SELECT 1) SELECT * FROM x' },
];

describe('consecutive-query detector', () => {
  it('flags four independent slow SELECTs run back to back, saving total − longest', () => {
    const t = trial([
      span('stats', 0, 50),
      span('users', 50, 150),
      span('pending', 150, 230),
      span('logs', 230, 300),
    ]);
    const [f, ...rest] = detectConsecutive([t], slow);
    expect(rest).toHaveLength(0);
    expect(f?.queryIds).toEqual(['stats', 'users', 'pending', 'logs']);
    expect(f?.parallelizable).toHaveLength(4);
    expect(f?.totalMs).toBe(300);
    expect(f?.savingMs).toBe(200);
  });

  it('does not flag a chain: each query needs the one before', () => {
    const chain = slow.map((q, i) => ({ ...q, dependsOn: i === 0 ? [] : [slow[i - 1]!.id] }));
    const t = trial([
      span('stats', 0, 50),
      span('users', 50, 150),
      span('pending', 150, 230),
      span('logs', 230, 300),
    ]);
    expect(detectConsecutive([t], chain)).toEqual([]);
  });

  it('treats dependent queries as the sequential rest of the run', () => {
    // users → pending is a chain (180 ms); stats and logs are independent (50, 70).
    const qs = slow.map((q) => (q.id === 'pending' ? { ...q, dependsOn: ['users'] } : q));
    const t = trial([
      span('stats', 0, 50),
      span('users', 50, 150),
      span('pending', 150, 230),
      span('logs', 230, 300),
    ]);
    const [f] = detectConsecutive([t], qs);
    expect(f?.parallelizable.sort()).toEqual(['logs', 'stats']);
    expect(f?.savingMs).toBe(300 - 180);
  });

  it('ignores overlapping spans, fast queries, writes, warm-ups and small savings', () => {
    const overlapping = trial([span('stats', 0, 100), span('users', 10, 110), span('pending', 20, 120)]);
    expect(detectConsecutive([overlapping], slow)).toEqual([]);
    const fast = trial([
      span('stats', 0, 20),
      span('users', 20, 40),
      span('pending', 40, 60),
      span('logs', 60, 80),
    ]);
    expect(detectConsecutive([fast], slow)).toEqual([]);
    const writes: DetectorQuery[] = slow.map((q) => ({ ...q, sql: `UPDATE t SET x = 1 -- ${q.id}` }));
    const t = trial([
      span('stats', 0, 50),
      span('users', 50, 150),
      span('pending', 150, 230),
      span('logs', 230, 300),
    ]);
    expect(detectConsecutive([t], writes)).toEqual([]);
    expect(detectConsecutive([{ ...t, warmup: true }], slow)).toEqual([]);
    // Saving 100 ms but under 10% of a 2-second trial.
    const small = trial([span('stats', 0, 100), span('users', 100, 200)], { wallMs: 2000 });
    expect(detectConsecutive([small], slow)).toEqual([]);
  });

  it('splits runs at a write and at a failed query', () => {
    const qs: DetectorQuery[] = [...slow, { id: 'write', sql: 'UPDATE orders SET status = $1' }];
    const t = trial([
      span('stats', 0, 120),
      span('users', 120, 240),
      span('write', 240, 250),
      span('pending', 250, 370),
      span('logs', 370, 490, { error: { kind: 'query', message: 'boom' } }),
    ]);
    const found = detectConsecutive([t], qs);
    expect(found.map((f) => f.queryIds)).toEqual([['stats', 'users']]);
    expect(found[0]?.savingMs).toBe(120);
  });
});
