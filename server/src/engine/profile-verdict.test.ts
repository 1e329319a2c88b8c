import type { StrategyName, StrategyStats, Workload } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { verdict } from './profile-verdict';

const workload: Workload = { name: 'w', queries: [{ id: 'a', sql: 'SELECT 1' }] };

function stats(
  strategy: StrategyName,
  median: number,
  speedup: [number, number, number] | null,
  efficiency = 1,
) {
  return {
    strategy,
    wallMs: { n: 10, mean: median, median, p95: median * 1.1, p99: median * 1.2, min: median, max: median },
    speedup: speedup ? { estimate: speedup[0], low: speedup[1], high: speedup[2] } : null,
    theoreticalMs: median,
    efficiency,
    perQuery: [],
    failedTrials: 0,
  } satisfies StrategyStats;
}

describe('verdict', () => {
  it('names the best strategy, its model, the interval, and why, mentioning the RTT', () => {
    const v = verdict(
      [
        stats('sequential', 88, null),
        stats('concurrent', 22, [4, 3.8, 4.2]),
        stats('single-connection', 87, [1.01, 0.97, 1.05]),
      ],
      () => 4,
      workload,
      20,
    );
    expect(v).toBe(
      'Concurrent is 4.00× faster here (theory 4.00×, 95% CI 3.80–4.20×): these queries wait on the network (20 ms round trips) and do not depend on each other. Single connection gets 1.01×: async without concurrency buys nothing.',
    );
  });

  it('says what pipelining bought: round trips on one connection, or nothing when the time is in the database', () => {
    const network = verdict(
      [
        stats('sequential', 150, null),
        stats('concurrent', 31, [4.8, 4.6, 5]),
        stats('pipelined', 32, [4.7, 4.5, 4.9]),
      ],
      () => 5,
      workload,
      30,
    );
    expect(network).toContain('Concurrent is 4.80× faster');
    expect(network).toContain(
      'Pipelined gets 4.70× on ONE connection: fewer round trips without more connections.',
    );
    const database = verdict(
      [
        stats('sequential', 300, null),
        stats('concurrent', 100, [3, 2.9, 3.1]),
        stats('pipelined', 299, [1.0, 0.98, 1.02]),
      ],
      () => 3,
      workload,
    );
    expect(database).toContain('Pipelined gets 1.00×: the time is in the database');
    const best = verdict(
      [stats('sequential', 150, null), stats('pipelined', 32, [4.7, 4.5, 4.9])],
      () => 5,
      workload,
      30,
    );
    expect(best).toBe(
      'Pipelined is 4.70× faster here (theory 5.00×, 95% CI 4.50–4.90×): it sends each wave of statements at once on ONE connection, so the network (30 ms round trips) is paid once per wave instead of once per query, without a pool.',
    );
  });

  it('says when the strategy falls short of its model', () => {
    const v = verdict(
      [stats('sequential', 100, null), stats('concurrent', 60, [1.67, 1.5, 1.8], 0.5)],
      () => 3,
      workload,
    );
    expect(v).toContain('reaches only 50% of its model');
  });

  it('is honest about no difference and about sequential winning', () => {
    expect(
      verdict([stats('sequential', 2, null), stats('concurrent', 2, [1.02, 0.9, 1.1])], () => 2, workload),
    ).toMatch(/^No meaningful difference here: Concurrent is 1\.02× of sequential \(95% CI 0\.90–1\.10×\)/);
    expect(
      verdict([stats('sequential', 2, null), stats('concurrent', 3, [0.7, 0.6, 0.8])], () => 2, workload),
    ).toMatch(/^Sequential is fastest here/);
  });

  it('compares medians when sequential did not run', () => {
    expect(verdict([stats('concurrent', 30, null), stats('bounded', 50, null)], () => 1, workload)).toBe(
      'Concurrent is fastest here at 30.0 ms median (Bounded pool: 50.0 ms); add sequential to measure a speedup.',
    );
  });

  it('names plain concurrency when another strategy is barely faster', () => {
    const v = verdict(
      [
        stats('sequential', 300, null),
        stats('dependency-aware', 99, [3.03, 2.9, 3.1]),
        stats('concurrent', 100, [3.0, 2.9, 3.1]),
      ],
      () => 3,
      workload,
    );
    expect(v).toMatch(/^Concurrent is 3\.00× faster/);
  });

  it('does not ask to add sequential when it ran and every trial of it failed', () => {
    const lost = {
      ...stats('sequential', 0, null),
      wallMs: { n: 0, mean: 0, median: 0, p95: 0, p99: 0, min: 0, max: 0 },
      failedTrials: 5,
      errors: [
        {
          queryId: 'a',
          kind: 'connection' as const,
          message: 'timed out waiting for a connection',
          count: 5,
        },
      ],
    };
    const v = verdict([lost, stats('concurrent', 30, null)], () => 1, workload);
    expect(v).toBe(
      'Concurrent takes 30.0 ms median; sequential could not be measured, so there is no speedup. Caveat: 5 of 15 measured trials failed and are left out (query "a" failed: timed out waiting for a connection); Sequential could not be measured at all.',
    );
  });

  it('says a stopped run was stopped, names what has data, and compares only that', () => {
    const none = { n: 0, mean: 0, median: 0, p95: 0, p99: 0, min: 0, max: 0 };
    const notReached = (s: StrategyName) => ({ ...stats(s, 0, null), wallMs: none });
    const v = verdict(
      [
        stats('sequential', 300, null),
        stats('concurrent', 100, [3, 2.8, 3.2]),
        notReached('bounded'),
        notReached('single-connection'),
      ],
      () => 3,
      workload,
      0,
      true,
    );
    expect(v).toBe(
      'Stopped before the end: Sequential and Concurrent have measurements; Bounded pool and Single connection (async without concurrency) were not measured. Concurrent is 3.00× faster here (theory 3.00×, 95% CI 2.80–3.20×): these queries wait on the database and do not depend on each other.',
    );
    expect(
      verdict([notReached('sequential'), stats('concurrent', 30, null)], () => 1, workload, 0, true),
    ).toBe(
      'Stopped before the end: Concurrent has measurements; Sequential was not measured. Concurrent takes 30.0 ms median; sequential was not measured before the stop, so there is no speedup.',
    );
  });

  it('does not credit concurrency for a gain its model does not predict', () => {
    const v = verdict(
      [stats('sequential', 140, null), stats('single-connection', 100, [1.4, 1.1, 1.7])],
      (s) => (s === 'single-connection' ? 1 : 3),
      workload,
    );
    expect(v).toBe(
      'Single connection (async without concurrency) measured 1.40× faster than sequential here (95% CI 1.10–1.70×), but its model predicts 1.00×: the difference is not explained by running queries at once, so it is likely noise or caching over 10 trials. Run more trials to confirm it.',
    );
    expect(v).not.toContain('do not depend on each other');
  });
});
