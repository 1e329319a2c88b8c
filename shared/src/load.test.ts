import { describe, expect, it } from 'vitest';
import {
  LoadSettingsInputSchema,
  LoadSettingsSchema,
  LoadTestRequestSchema,
  loadLimits,
  plannedTestS,
  plannedTimeFormula,
  plannedTimeProblem,
  sweepSizes,
} from './load';

const all = ['sequential', 'concurrent', 'bounded', 'dependency-aware', 'single-connection'] as const;
const closed = { kind: 'closed', vus: 10 } as const;

describe('sweepSizes', () => {
  it('doubles from 1 and ends at the largest pool', () => {
    expect(sweepSizes(32)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(sweepSizes(20)).toEqual([1, 2, 4, 8, 16, 20]);
    expect(sweepSizes(1)).toEqual([1]);
  });
});

describe("a whole test's planned time", () => {
  it('sums every strategy and every sweep step', () => {
    expect(plannedTestS({ strategies: all, durationS: 60 })).toBe(300);
    expect(plannedTestS({ strategies: all, durationS: 60, sweep: { maxPool: 32, stepDurationS: 30 } })).toBe(
      300 + 6 * 5 * 30,
    );
    // The sweep's default step is 5 s, as the schema's.
    expect(plannedTestS({ strategies: ['sequential'], durationS: 10, sweep: { maxPool: 4 } })).toBe(
      10 + 3 * 5,
    );
  });

  it('names the sum, the limit and what to shorten when over it', () => {
    const over = { strategies: all, durationS: 600, sweep: { maxPool: 32, stepDurationS: 30 } };
    expect(plannedTimeProblem(over)).toBe(
      '5 strategies × 600 s + sweep 6 pool sizes × 5 strategies × 30 s = 65 min, over the 30 min limit of a test; shorten the duration per strategy (durationS), run fewer strategies, or sweep to a smaller largest pool (sweep.maxPool) or with shorter steps (sweep.stepDurationS).',
    );
    expect(plannedTimeProblem({ strategies: ['sequential'], durationS: 600 })).toBeNull();
    // Exactly at the limit is allowed.
    expect(
      plannedTimeProblem({ strategies: ['sequential', 'concurrent', 'bounded'], durationS: 600 }),
    ).toBeNull();
    expect(loadLimits.maxTestMinutes).toBe(30);
    expect(plannedTimeFormula({ strategies: ['sequential', 'concurrent'], durationS: 10 })).toBe(
      '2 strategies × 10 s = 20 s',
    );
  });

  it('is refused at validation, at durationS, by the request and input schemas', () => {
    const r = LoadTestRequestSchema.safeParse({
      workload: 'w',
      strategies: all,
      model: closed,
      durationS: 600,
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
    expect(r.error?.issues[0]?.path).toEqual(['durationS']);
    expect(r.error?.issues[0]?.message).toMatch(/^5 strategies × 600 s = 50 min, over the 30 min limit/);
    expect(
      LoadSettingsInputSchema.safeParse({ strategies: all, model: closed, durationS: 360 }).success,
    ).toBe(true);
    expect(
      LoadSettingsInputSchema.safeParse({
        strategies: all,
        model: closed,
        durationS: 300,
        sweep: { maxPool: 128, stepDurationS: 10 },
      }).success,
    ).toBe(false);
    // Tests stored before the limit still read.
    expect(LoadSettingsSchema.safeParse({ strategies: all, model: closed, durationS: 600 }).success).toBe(
      true,
    );
  });
});
