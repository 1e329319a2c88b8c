import {
  type RunRecord,
  RunSettingsSchema,
  type Span,
  type StrategyName,
  type Trial,
  type Workload,
} from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../engine/summarize';
import { checkRun } from './model-check';

const costs = [50, 30];

/** A trial of two queries of 50 and 30 ms: one after another, or both at once. */
function trial(strategy: StrategyName, n: number, workload: Workload): Trial {
  const together = strategy !== 'sequential';
  const spans: Span[] = costs.map((c, i) => {
    const start = together ? 0 : i === 0 ? 0 : costs[0]!;
    return {
      strategy,
      trial: n,
      queryId: workload.queries[i]!.id,
      start,
      end: start + c,
      phases: [{ phase: 'executing', start, end: start + c }],
      pid: i + 1,
      rows: 1,
      bytes: 10,
    };
  });
  return {
    strategy,
    trial: n,
    warmup: false,
    wallMs: Math.max(...spans.map((s) => s.end)),
    spans,
    failed: false,
  };
}

function runOf(strategies: StrategyName[], delays?: number[], cold = false): RunRecord {
  const workload: Workload = {
    name: 'two queries',
    queries: ['a', 'b'].map((id, i) => ({
      id,
      sql: 'SELECT 1',
      ...(delays ? { simulatedDelayMs: delays[i]! } : {}),
    })),
  };
  const settings = RunSettingsSchema.parse({ strategies, coldConnections: cold });
  const trials = [0, 1, 2].flatMap((n) => strategies.map((s) => trial(s, n, workload)));
  return {
    id: `run-${strategies.join('-')}`,
    kind: 'profile',
    createdAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:01Z',
    status: 'completed',
    settings,
    workload,
    target: { kind: 'default' },
    database: { name: 'd', label: 'demo', serverVersion: '16', embedded: true },
    trials,
    summary: summarize(trials, workload, settings),
    error: null,
  };
}

describe('the model checked against a stored run', () => {
  it('marks the sequential row as fitted from the run itself; the other strategies are real predictions', () => {
    const check = checkRun(runOf(['sequential', 'concurrent']));
    if ('reason' in check) throw new Error(check.reason);
    const seq = check.rows.find((r) => r.strategy === 'sequential')!;
    const conc = check.rows.find((r) => r.strategy === 'concurrent')!;
    expect(seq).toMatchObject({ fitted: true, predictedMs: 80, measuredMs: 80 });
    expect(conc).toMatchObject({ fitted: false, predictedMs: 50, measuredMs: 50 });
  });

  it('excludes a run without a sequential strategy or declared delays, rather than predicting 0 ms', () => {
    const check = checkRun(runOf(['concurrent']));
    expect(check).toEqual({
      runId: 'run-concurrent',
      workload: 'two queries',
      reason: expect.stringContaining('no sequential strategy'),
    });
  });

  it('predicts from declared delays when there is no sequential strategy: nothing is fitted', () => {
    const check = checkRun(runOf(['concurrent'], [40, 20]));
    if ('reason' in check) throw new Error(check.reason);
    // Longest declared delay plus the base cost of a trivial query, against the measured 50 ms.
    expect(check.rows).toEqual([
      { strategy: 'concurrent', predictedMs: 40.5, measuredMs: 50, error: (40.5 - 50) / 50, fitted: false },
    ]);
  });

  it('excludes runs on cold connections, which the model does not describe', () => {
    expect(checkRun(runOf(['sequential', 'concurrent'], undefined, true))).toMatchObject({
      reason: expect.stringContaining('cold connections'),
    });
  });
});
