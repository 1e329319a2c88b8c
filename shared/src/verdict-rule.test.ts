import { describe, expect, it } from 'vitest';
import { judge, MIN_PRACTICAL_GAIN_MS, savingSentence, significanceSentence } from './verdict-rule';

describe('the verdict rule', () => {
  it('calls a sub-threshold saving no practical difference, however large or certain its ratio', () => {
    const j = judge({ baselineMs: 1.65, candidateMs: 0.9, ratio: { low: 1.5, high: 2.1 }, modelSpeedup: 3 });
    expect(j).toMatchObject({ verdictClass: 'no-practical-difference', significant: true, practical: false });
    expect(j.savingMs).toBeCloseTo(0.75);
    // A loss under the threshold is no practical difference either.
    expect(judge({ baselineMs: 1, candidateMs: 1.5, ratio: { low: 0.5, high: 0.7 } }).verdictClass).toBe(
      'no-practical-difference',
    );
  });

  it('does not call a practical saving faster when its interval includes 1 (significance matters)', () => {
    const j = judge({ baselineMs: 30, candidateMs: 28, ratio: { low: 0.98, high: 1.2 }, modelSpeedup: 3 });
    expect(j.verdictClass).toBe('not-significant');
    expect(j.significant).toBe(false);
    // Without an interval there is no significance to claim.
    expect(judge({ baselineMs: 30, candidateMs: 15, ratio: null }).verdictClass).toBe('not-significant');
  });

  it('says faster or slower only when both significant and practical', () => {
    expect(
      judge({ baselineMs: 30, candidateMs: 10, ratio: { low: 2.5, high: 3.5 }, modelSpeedup: 3 }),
    ).toMatchObject({ verdictClass: 'faster', significant: true, practical: true });
    expect(judge({ baselineMs: 10, candidateMs: 30, ratio: { low: 0.3, high: 0.4 } }).verdictClass).toBe(
      'slower',
    );
    expect(
      judge({ baselineMs: 10, candidateMs: 10 - MIN_PRACTICAL_GAIN_MS, ratio: { low: 1.05, high: 1.2 } })
        .verdictClass,
    ).toBe('faster');
  });

  it('is never more certain than its data: an interval wider than half the estimate is too noisy to decide', () => {
    // The busy machine: significant on paper (1.58–12.2×), but the size is unknown.
    expect(
      judge({ baselineMs: 30, candidateMs: 7.7, ratio: { low: 1.58, high: 12.2 }, modelSpeedup: 2.4 })
        .verdictClass,
    ).toBe('too-noisy');
    // Under the practical threshold the noise does not matter; and a wide interval whose near end
    // saves under it shows no practical difference either (1.43 ms at the estimate, -5 ms at 0.5×).
    expect(judge({ baselineMs: 1.6, candidateMs: 0.9, ratio: { low: 0.7, high: 2.2 } }).verdictClass).toBe(
      'no-practical-difference',
    );
    expect(judge({ baselineMs: 5, candidateMs: 3.5, ratio: { low: 0.5, high: 4.5 } }).verdictClass).toBe(
      'no-practical-difference',
    );
  });

  it('does not credit a strategy with a gain its model does not predict', () => {
    expect(
      judge({ baselineMs: 30, candidateMs: 10, ratio: { low: 2.5, high: 3.5 }, modelSpeedup: 1 })
        .verdictClass,
    ).toBe('unexplained');
  });

  it('states the saving per request and per second at the stated rate, and the significance', () => {
    expect(savingSentence(0.75)).toBe(
      'saves 0.75 ms per request (at 100 requests/s, 75.0 ms less waiting per second)',
    );
    expect(savingSentence(-2, 50)).toBe(
      'costs 2.00 ms per request (at 50 requests/s, 100 ms more waiting per second)',
    );
    expect(significanceSentence(1.8, { low: 1.5, high: 2.1 })).toBe(
      '1.80× (95% CI 1.50–2.10×, statistically significant)',
    );
    expect(significanceSentence(1.1, { low: 0.9, high: 1.3 })).toContain('within the noise');
  });
});
