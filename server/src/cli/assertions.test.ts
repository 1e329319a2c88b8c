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

  it('refuses a speedup threshold up front when sequential, its baseline, does not run', () => {
    expect(() => parseAssertion('concurrent.speedup>=2', ['concurrent', 'bounded'])).toThrow(
      '--assert "concurrent.speedup>=2": speedup is measured against sequential, which is not in --strategies (concurrent,bounded); add it, e.g. --strategies sequential,concurrent,bounded.',
    );
    expect(() => parseAssertion('concurrent.speedupLow>1', ['concurrent'])).toThrow(/against sequential/);
    expect(() => parseAssertion('sequential.speedup>=1', ['sequential', 'concurrent'])).toThrow(
      /sequential is the baseline/,
    );
    expect(parseAssertion('concurrent.median<50', ['concurrent']).metric).toBe('median');
  });

  it('fails an assertion whose metric was not measured', () => {
    const a = parseAssertion('concurrent.speedup>=1', ['sequential', 'concurrent']);
    expect(checkAssertion(a, [stats('sequential', 300, null), stats('concurrent', 100, null)])).toMatchObject(
      {
        passed: false,
        reason: 'not measured',
      },
    );
  });

  it('passes nothing on a broken workload, except a threshold on failedTrials itself', () => {
    const broken = [stats('sequential', 300, null), { ...stats('concurrent', 100, 3), failedTrials: 2 }];
    const strategies = ['sequential', 'concurrent'] as const;
    expect(checkAssertion(parseAssertion('concurrent.median<1000', [...strategies]), broken)).toEqual({
      assertion: 'concurrent.median<1000',
      actual: 100,
      passed: false,
      reason: 'queries failed in concurrent',
    });
    // A speedup is only as good as its sequential baseline.
    const seqBroken = [{ ...stats('sequential', 300, null), failedTrials: 1 }, stats('concurrent', 100, 3)];
    expect(checkAssertion(parseAssertion('concurrent.speedup>=2', [...strategies]), seqBroken)).toMatchObject(
      {
        passed: false,
        reason: 'queries failed in sequential',
      },
    );
    expect(checkAssertion(parseAssertion('concurrent.failedTrials==2', [...strategies]), broken).passed).toBe(
      true,
    );
  });
});
