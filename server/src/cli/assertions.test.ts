import type { StrategyStats } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { checkAssertion, parseAssertion } from './assertions';

const stats = (
  strategy: StrategyStats['strategy'],
  median: number,
  speedup: number | null,
): StrategyStats => ({
  strategy,
  wallMs: {
    n: 20,
    mean: median,
    median,
    p95: median * 1.1,
    p99: median * 1.2,
    min: median * 0.9,
    max: median * 1.3,
  },
  speedup: speedup === null ? null : { estimate: speedup, low: speedup * 0.9, high: speedup * 1.1 },
  theoreticalMs: median,
  efficiency: 1,
  perQuery: [],
  failedTrials: 0,
});

describe('assertions', () => {
  const run = [stats('sequential', 300, 1), stats('dependency-aware', 100, 3)];
  it('parses and checks thresholds on any metric', () => {
    const ok = parseAssertion('dependency-aware.speedup >= 2.5', ['sequential', 'dependency-aware']);
    expect(checkAssertion(ok, run)).toEqual({
      assertion: 'dependency-aware.speedup >= 2.5',
      actual: 3,
      passed: true,
    });
    const bad = parseAssertion('sequential.p95<300', ['sequential', 'dependency-aware']);
    expect(checkAssertion(bad, run).passed).toBe(false);
    expect(checkAssertion(bad, run).actual).toBeCloseTo(330);
  });

  it('rejects malformed expressions, unknown metrics and strategies not in the run', () => {
    expect(() => parseAssertion('speedup>=2', ['sequential'])).toThrow(/form/);
    expect(() => parseAssertion('sequential.fastness>=2', ['sequential'])).toThrow(/unknown metric/);
    expect(() => parseAssertion('concurrent.speedup>=2', ['sequential'])).toThrow(
      /not one of the strategies/,
    );
  });

  it('fails an assertion whose metric was not measured', () => {
    const a = parseAssertion('concurrent.speedup>=1', ['concurrent']);
    expect(checkAssertion(a, [stats('concurrent', 100, null)]).passed).toBe(false);
  });
});
