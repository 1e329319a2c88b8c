import type { StrategyName, StrategyStats, Workload } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { verdict } from './profile-verdict';

const say = (...args: Parameters<typeof verdict>) => verdict(...args).sentence;

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
    const v = say(
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
      'Concurrent is 4.00× faster here (theory 4.00×, 95% CI 3.80–4.20×, statistically significant) and saves 66.0 ms per request (at 100 requests/s, 6600 ms less waiting per second): these queries wait on the network (20 ms round trips) and do not depend on each other. Single connection gets 1.01×: async without concurrency buys nothing.',
    );
  });

  it('says what pipelining bought: round trips on one connection, or nothing when the time is in the database', () => {
    const network = say(
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
    const database = say(
      [
        stats('sequential', 300, null),
        stats('concurrent', 100, [3, 2.9, 3.1]),
        stats('pipelined', 299, [1.0, 0.98, 1.02]),
      ],
      () => 3,
      workload,
    );
    expect(database).toContain('Pipelined gets 1.00×: the time is in the database');
    const best = say(
      [stats('sequential', 150, null), stats('pipelined', 32, [4.7, 4.5, 4.9])],
      () => 5,
      workload,
      30,
    );
    expect(best).toBe(
      'Pipelined is 4.70× faster here (theory 5.00×, 95% CI 4.50–4.90×, statistically significant) and saves 118 ms per request (at 100 requests/s, 11.8 s less waiting per second): it sends each wave of statements at once on ONE connection, so the network (30 ms round trips) is paid once per wave instead of once per query, without a pool.',
    );
  });

  it('says when the strategy falls short of its model', () => {
    const v = say(
      [stats('sequential', 100, null), stats('concurrent', 60, [1.67, 1.5, 1.8], 0.5)],
      () => 3,
      workload,
    );
    expect(v).toContain('reaches only 50% of its model');
  });

  it('is honest about no difference and about sequential winning', () => {
    expect(
      say([stats('sequential', 20, null), stats('concurrent', 18, [1.1, 0.9, 1.3])], () => 2, workload),
    ).toMatch(
      /^No meaningful difference here: Concurrent saves 2\.00 ms per request .*, but at 1\.10× \(95% CI 0\.90–1\.30×, within the noise\)/,
    );
    expect(
      say([stats('sequential', 20, null), stats('concurrent', 30, [0.7, 0.6, 0.8])], () => 2, workload),
    ).toMatch(/^Sequential is fastest here: even Concurrent is 0\.70× .* and costs 10\.0 ms per request/);
  });

  it('compares medians when sequential did not run', () => {
    expect(say([stats('concurrent', 30, null), stats('bounded', 50, null)], () => 1, workload)).toBe(
      'Concurrent is fastest here at 30.0 ms median (Bounded pool: 50.0 ms); add sequential to measure a speedup.',
    );
  });

  it('names plain concurrency when another strategy is barely faster', () => {
    const v = say(
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
    const v = say([lost, stats('concurrent', 30, null)], () => 1, workload);
    expect(v).toBe(
      'Concurrent takes 30.0 ms median; sequential could not be measured, so there is no speedup. Caveat: 5 of 15 measured trials failed and are left out (query "a" failed: timed out waiting for a connection); Sequential could not be measured at all.',
    );
  });

  it('says a stopped run was stopped, names what has data, and compares only that', () => {
    const none = { n: 0, mean: 0, median: 0, p95: 0, p99: 0, min: 0, max: 0 };
    const notReached = (s: StrategyName) => ({ ...stats(s, 0, null), wallMs: none });
    const v = say(
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
      'Stopped before the end: Sequential and Concurrent have measurements; Bounded pool and Single connection (async without concurrency) were not measured. Concurrent is 3.00× faster here (theory 3.00×, 95% CI 2.80–3.20×, statistically significant) and saves 200 ms per request (at 100 requests/s, 20.0 s less waiting per second): these queries wait on the database and do not depend on each other.',
    );
    expect(say([notReached('sequential'), stats('concurrent', 30, null)], () => 1, workload, 0, true)).toBe(
      'Stopped before the end: Concurrent has measurements; Sequential was not measured. Concurrent takes 30.0 ms median; sequential was not measured before the stop, so there is no speedup.',
    );
  });

  it('does not credit concurrency for a gain its model does not predict', () => {
    const v = say(
      [stats('sequential', 140, null), stats('single-connection', 100, [1.4, 1.1, 1.7])],
      (s) => (s === 'single-connection' ? 1 : 3),
      workload,
    );
    expect(v).toBe(
      'Single connection (async without concurrency) measured 1.40× (95% CI 1.10–1.70×, statistically significant) faster than sequential here and saves 40.0 ms per request (at 100 requests/s, 4000 ms less waiting per second), but its model predicts 1.00×: the difference is not explained by running queries at once, so it is likely noise or caching over 10 trials. Run more trials to confirm it.',
    );
    expect(v).not.toContain('do not depend on each other');
  });

  it('at sub-millisecond scale says "no practical difference: keep it sequential" whatever the ratio', () => {
    // The user dashboard at RTT 0: 1.8× of 1.6 ms saves 0.75 ms, which no user notices.
    const v = verdict(
      [
        stats('sequential', 1.65, null),
        stats('concurrent', 0.9, [1.83, 1.5, 2.1]),
        stats('single-connection', 1.6, [1.03, 0.99, 1.08]),
      ],
      (s) => (s === 'single-connection' ? 1 : 3),
      workload,
    );
    expect(v.verdictClass).toBe('no-practical-difference');
    expect(v.sentence).toBe(
      'No practical difference: keep it sequential. Concurrent saves 0.75 ms per request (at 100 requests/s, 75.0 ms less waiting per second), under the 1 ms per request worth concurrent code, whatever its ratio: 1.83× (95% CI 1.50–2.10×, statistically significant).',
    );
  });

  it('never headlines a strategy whose model predicts no gain when one whose model does is measured', () => {
    const v = verdict(
      [
        stats('sequential', 30, null),
        stats('concurrent', 10, [3, 2.5, 3.5]),
        stats('pipelined', 6, [5, 4, 6]),
      ],
      (s) => (s === 'pipelined' ? 1 : 3.2),
      workload,
    );
    expect(v.verdictClass).toBe('faster');
    expect(v.sentence).toMatch(/^Concurrent is 3\.00× faster/);
  });

  it('does not call a practical-sized gain faster when its interval includes no difference', () => {
    const v = verdict(
      [stats('sequential', 30, null), stats('concurrent', 27, [1.11, 0.97, 1.3])],
      () => 3,
      workload,
    );
    expect(v.verdictClass).toBe('not-significant');
    expect(v.sentence).not.toContain('faster here');
    // Significant on paper (1.58–12.2×), but an interval that wide leaves the size unknown.
    const noisy = verdict(
      [stats('sequential', 30, null), stats('concurrent', 7.7, [3.9, 1.58, 12.2])],
      () => 3,
      workload,
    );
    expect(noisy.verdictClass).toBe('too-noisy');
    // A wide interval that allows a saving under 1 ms shows no practical difference, however large the estimate.
    const unshown = verdict(
      [stats('sequential', 3.2, null), stats('concurrent', 1.7, [1.88, 1.01, 2.8])],
      () => 3,
      workload,
    );
    expect(unshown.verdictClass).toBe('no-practical-difference');
    expect(unshown.sentence).toMatch(
      /^No practical difference shown: keep it sequential\. Concurrent saves 1\.50 ms/,
    );
    expect(noisy.sentence).toMatch(/^Too noisy to decide: Concurrent measured 3\.90×/);
  });
});
