import {
  type RunRecord,
  RunSettingsSchema,
  type Span,
  type StrategyName,
  type Trial,
} from '@gatherscope/shared';

/** A small but complete run record for tests: two strategies, a warm-up and two trials each, one failed query. */
export function sampleRun(overrides: Partial<RunRecord> = {}): RunRecord {
  const span = (
    strategy: StrategyName,
    trial: number,
    queryId: string,
    start: number,
    end: number,
  ): Span => ({
    strategy,
    trial,
    queryId,
    start,
    end,
    phases: [
      { phase: 'waiting', start, end: start + 0.5 },
      { phase: 'executing', start: start + 0.5, end: end - 1 },
      { phase: 'reading', start: end - 1, end },
    ],
    pid: 4242,
    rows: 10,
    bytes: 640,
  });
  const trial = (strategy: StrategyName, n: number, offset: number): Trial => {
    const sequential = strategy === 'sequential';
    const spans = [
      span(strategy, n, 'user', 0, 10 + offset),
      span(strategy, n, 'orders', sequential ? 10 + offset : 0, sequential ? 30 + offset : 20 + offset),
    ];
    return {
      strategy,
      trial: n,
      warmup: n < 0,
      wallMs: Math.max(...spans.map((s) => s.end)),
      spans,
      failed: false,
    };
  };
  const failing = trial('concurrent', 1, 2);
  failing.spans[1] = {
    ...failing.spans[1]!,
    rows: 0,
    bytes: 0,
    error: { kind: 'query', message: 'relation "=orderz" does not exist', sqlstate: '42P01' },
  };
  return {
    id: 'r-sample-1',
    kind: 'profile',
    createdAt: '2026-11-25T09:00:00.000Z',
    finishedAt: '2026-11-25T09:00:02.000Z',
    status: 'completed',
    settings: RunSettingsSchema.parse({ strategies: ['sequential', 'concurrent'], trials: 2, warmup: 1 }),
    workload: {
      name: 'tiny, "quoted" dashboard',
      queries: [
        { id: 'user', sql: 'SELECT * FROM users WHERE id = $1', params: [7] },
        { id: 'orders', sql: 'SELECT * FROM orders\nORDER BY created_at DESC LIMIT 10' },
      ],
    },
    target: { kind: 'default' },
    database: {
      name: 'gatherscope_demo',
      label: 'Embedded demo database',
      serverVersion: '15.4',
      embedded: true,
    },
    trials: [
      trial('sequential', -1, 5),
      trial('concurrent', -1, 5),
      trial('sequential', 0, 0),
      trial('concurrent', 0, 0),
      trial('sequential', 1, 1),
      failing,
    ],
    summary: {
      strategies: [
        {
          strategy: 'sequential',
          wallMs: { n: 2, mean: 30.5, median: 30.5, p95: 31, p99: 31, min: 30, max: 31 },
          speedup: null,
          theoreticalMs: 30,
          efficiency: 0.98,
          perQuery: [],
          failedTrials: 0,
        },
        {
          strategy: 'concurrent',
          wallMs: { n: 2, mean: 21, median: 21, p95: 22, p99: 22, min: 20, max: 22 },
          speedup: { estimate: 1.45, low: 1.36, high: 1.55 },
          theoreticalMs: 20,
          efficiency: 0.95,
          perQuery: [],
          failedTrials: 0,
        },
      ],
      theory: { sumMs: 30, maxMs: 20, criticalPathMs: 20, boundedMs: 20, boundedK: 2 },
      verdict: 'Concurrent is 1.45× faster here (theory 1.50×).',
    },
    error: null,
    ...overrides,
  };
}
