import {
  RunSettingsSchema,
  type Span,
  type StrategyName,
  type Trial,
  type Workload,
} from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { summarize } from './summarize';

const workload: Workload = {
  name: 'w',
  queries: [
    { id: 'a', sql: 'SELECT 1' },
    { id: 'b', sql: 'SELECT 1' },
  ],
};

/** A trial whose queries took `costs` each, placed by the strategy at `starts` after `waits`. */
function trial(strategy: StrategyName, n: number, starts: number[], costs: number[], waits = [0, 0]): Trial {
  const spans: Span[] = costs.map((c, i) => {
    const start = starts[i]!;
    const w = waits[i]!;
    return {
      strategy,
      trial: n,
      queryId: workload.queries[i]!.id,
      start,
      end: start + w + c,
      phases: [
        ...(w > 0 ? [{ phase: 'waiting' as const, start, end: start + w }] : []),
        { phase: 'executing' as const, start: start + w, end: start + w + c },
      ],
      pid: 1,
      rows: 1,
      bytes: 10,
    };
  });
  return {
    strategy,
    trial: n,
    warmup: n < 0,
    wallMs: Math.max(...spans.map((s) => s.end)),
    spans,
    failed: false,
  };
}

const settings = RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'], poolSize: 10 });

describe('summarize', () => {
  it('computes walls, per-query medians, models, efficiency and a verdict', () => {
    const trials: Trial[] = [
      trial('sequential', -1, [0, 500], [500, 500]), // warm-up: ignored
      trial('concurrent', -1, [0, 0], [900, 900]),
      ...[0, 1, 2].flatMap((n) => [
        trial('sequential', n, [0, 40 + n], [40 + n, 60]),
        trial('concurrent', n, [0, 0], [40 + n, 60 + n]),
      ]),
    ];
    const s = summarize(trials, workload, settings);
    const [seq, conc] = s.strategies;
    // sequential walls 100, 101, 102; concurrent walls 60, 61, 62.
    expect(seq!.wallMs).toMatchObject({ n: 3, median: 101, min: 100, max: 102 });
    expect(conc!.wallMs).toMatchObject({ n: 3, median: 61 });
    expect(seq!.perQuery).toEqual([
      { queryId: 'a', medianMs: 41, medianExecutingMs: 41, medianWaitingMs: 0, errors: 0, samples: 3 },
      { queryId: 'b', medianMs: 60, medianExecutingMs: 60, medianWaitingMs: 0, errors: 0, samples: 3 },
    ]);
    // Theory from sequential's per-query medians: 41 + 60, max 60.
    expect(s.theory).toEqual({ sumMs: 101, maxMs: 60, criticalPathMs: 60, boundedMs: 60, boundedK: 2 });
    expect(seq!.theoreticalMs).toBe(101);
    expect(seq!.efficiency).toBe(1);
    expect(conc!.theoreticalMs).toBe(61);
    // The theory speedup the table shows is the verdict's: run-wide costs, sum over max (101 / 60),
    // not the run-wide sum over concurrent's own model (101 / 61).
    expect(conc!.theoreticalSpeedup).toBeCloseTo(101 / 60, 9);
    expect(seq!.theoreticalSpeedup).toBe(1);
    expect(conc!.speedup!.estimate).toBeCloseTo(101 / 61, 9);
    expect(seq!.speedup).toBeNull();
    expect(s.verdict).toMatch(/^Concurrent is 1\.6\d× faster here \(theory 1\.6\d×, 95% CI/);
  });

  it('says so honestly when there is no meaningful difference', () => {
    const trials = [0, 1, 2, 3, 4, 5].flatMap((n) => [
      trial('sequential', n, [0, 1], [1, 1 + (n % 3) * 0.1]),
      trial('concurrent', n, [0, 0], [1.9 + (n % 2) * 0.3, 0.5]),
    ]);
    const s = summarize(trials, workload, settings);
    expect(s.verdict).toMatch(/^No practical difference: keep it sequential\./);
    expect(s.verdictClass).toBe('no-practical-difference');
    expect(s.stability).toMatchObject({ loadPerCore: null });
  });

  it('leaves waiting out of a query’s own cost', () => {
    const trials = [
      trial('sequential', 0, [0, 10], [10, 10]),
      trial('concurrent', 0, [0, 0], [10, 10], [0, 5]),
    ];
    const conc = summarize(trials, workload, settings).strategies[1]!;
    expect(conc.perQuery[1]).toMatchObject({ medianMs: 10, medianWaitingMs: 5 });
  });

  it('never measures failed trials: a query that always fails leaves no statistics and a plain verdict', () => {
    const failing = (strategy: StrategyName, n: number): Trial => {
      const t = trial(strategy, n, [0, 5], [5, 1]);
      t.spans[1]!.error = { kind: 'query', message: 'syntax error at or near "SELEC"', sqlstate: '42601' };
      return { ...t, failed: true };
    };
    const trials = [0, 1, 2].flatMap((n) => [failing('sequential', n), failing('concurrent', n)]);
    const s = summarize(trials, workload, settings);
    for (const st of s.strategies) {
      expect(st.wallMs.n).toBe(0);
      expect(st.speedup).toBeNull();
      expect(st.failedTrials).toBe(3);
      expect(st.errors).toEqual([
        {
          queryId: 'b',
          kind: 'query',
          sqlstate: '42601',
          message: 'syntax error at or near "SELEC"',
          count: 3,
        },
      ]);
      expect(st.perQuery[1]).toMatchObject({ queryId: 'b', errors: 3, samples: 0 });
    }
    expect(s.verdict).toBe(
      'The run could not be measured: query "b" failed: syntax error at or near "SELEC" (SQLSTATE 42601). Fix the query and run again.',
    );
  });

  it('leaves a trial cut by Stop out of the failed trials, and says which strategies the stop came before', () => {
    const five = RunSettingsSchema.parse({
      strategies: ['sequential', 'concurrent', 'bounded', 'dependency-aware', 'single-connection'],
    });
    const cut = trial('concurrent', 0, [0, 0], [5, 1]);
    cut.spans[1]!.error = { kind: 'cancelled', message: 'canceling statement due to user request' };
    const trials = [trial('sequential', 0, [0, 5], [5, 1]), { ...cut, failed: true }];
    const s = summarize(trials, workload, five, true);
    expect(s.strategies.map((st) => [st.strategy, st.wallMs.n, st.failedTrials])).toEqual([
      ['sequential', 1, 0],
      ['concurrent', 0, 0],
      ['bounded', 0, 0],
      ['dependency-aware', 0, 0],
      ['single-connection', 0, 0],
    ]);
    expect(s.verdict).toBe(
      'Stopped before the end: Sequential has measurements; Concurrent, Bounded pool, Dependency-aware and Single connection (async without concurrency) were not measured. Sequential takes 6.00 ms median (p95 6.00 ms); the run was stopped before another strategy was measured.',
    );
  });

  it('counts only the successful trials when some failed, and says so', () => {
    const trials = [0, 1, 2, 3].flatMap((n) => [
      trial('sequential', n, [0, 50], [50, 50]),
      trial('concurrent', n, [0, 0], [50, 50]),
    ]);
    // One concurrent trial timed out on query a: its 1 ms wall time must not flatter concurrent.
    trials[7] = {
      ...trial('concurrent', 3, [0, 0], [1, 1]),
      failed: true,
      spans: trial('concurrent', 3, [0, 0], [1, 1]).spans.map((sp, i) =>
        i === 0
          ? {
              ...sp,
              error: {
                kind: 'timeout' as const,
                message: 'canceling statement due to statement timeout',
                sqlstate: '57014',
              },
            }
          : sp,
      ),
    };
    const s = summarize(trials, workload, settings);
    const conc = s.strategies[1]!;
    expect(conc.wallMs).toMatchObject({ n: 3, min: 50 });
    expect(conc.failedTrials).toBe(1);
    expect(conc.speedup!.estimate).toBeCloseTo(2, 9);
    expect(s.verdict).toMatch(/^Concurrent is 2\.00× faster here/);
    expect(s.verdict).toContain(
      'Caveat: 1 of 8 measured trials failed and are left out (query "a" timed out: canceling statement due to statement timeout (SQLSTATE 57014)).',
    );
  });

  it('models k connections by list scheduling with dependencies, not by waves', () => {
    // a(10) → b(30), a → c(20) → d(5); e(40) independent. On k = 2 slots, list scheduling:
    // a 0–10, e 0–40, b 10–40, c 40–60, d 60–65 → 65; waves: (a, e) 40 + (b, c) 30 + d 5 → 75.
    const dag: Workload = {
      name: 'dag',
      queries: [
        { id: 'a', sql: 'SELECT 1' },
        { id: 'b', sql: 'SELECT 1', dependsOn: ['a'] },
        { id: 'c', sql: 'SELECT 1', dependsOn: ['a'] },
        { id: 'd', sql: 'SELECT 1', dependsOn: ['c'] },
        { id: 'e', sql: 'SELECT 1' },
      ],
    };
    const costs = { a: 10, b: 30, c: 20, d: 5, e: 40 };
    let at = 0;
    const spans: Span[] = Object.entries(costs).map(([queryId, c]) => {
      const start = at;
      at += c;
      return {
        strategy: 'sequential',
        trial: 0,
        queryId,
        start,
        end: at,
        phases: [{ phase: 'executing', start, end: at }],
        pid: 1,
        rows: 1,
        bytes: 1,
      };
    });
    const seq: Trial = { strategy: 'sequential', trial: 0, warmup: false, wallMs: at, spans, failed: false };
    // Bounded's own costs as sequential's (its waiting aside): only the model differs.
    const bnd: Trial = {
      ...seq,
      strategy: 'bounded',
      wallMs: 80,
      spans: spans.map((x) => ({ ...x, strategy: 'bounded' })),
    };
    const s = summarize(
      [seq, bnd],
      dag,
      RunSettingsSchema.parse({ strategies: ['sequential', 'bounded'], boundedK: 2 }),
    );
    expect(s.theory).toEqual({ sumMs: 105, maxMs: 40, criticalPathMs: 40, boundedMs: 65, boundedK: 2 });
    // The bounded strategy itself runs waves, and its own model says so.
    expect(s.strategies[1]!.theoreticalMs).toBe(75);
  });
});
