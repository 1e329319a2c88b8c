import {
  formatSpeedupRange,
  type Judgement,
  MIN_PRACTICAL_GAIN_MS,
  savingSentence,
} from '@gatherscope/shared';
import type { ShareCall, ThroughputCall } from './load-deltas';

/**
 * Compare's "Significant?" column in words: whether a delta between A and B is meaningful, and why
 * not when it is not. Runs rest on their trials, load tests on their seconds.
 */

/** B against A by the shared verdict rule, in words: significant, practical, or neither. */
export function significanceText(j: Judgement | undefined, tooFew = 'too few trials to tell'): string {
  if (!j) return tooFew;
  switch (j.verdictClass) {
    case 'faster':
    case 'unexplained':
    case 'slower':
      return `yes: B ${savingSentence(j.savingMs)}`;
    case 'no-practical-difference':
      return j.practical
        ? `no practical difference shown (the interval allows under ${MIN_PRACTICAL_GAIN_MS} ms per request)`
        : `no practical difference (under ${MIN_PRACTICAL_GAIN_MS} ms per request${j.significant ? ', though statistically significant' : ''})`;
    case 'not-significant':
      return 'no: within the noise (the 95% interval includes no change)';
    case 'too-noisy':
      return 'no: too noisy to tell (the 95% interval is wider than half the estimate)';
  }
}

/** What a load test's call rests on when it has too few seconds for one. */
export const TOO_FEW_SECONDS = 'too few full seconds to tell (3 a side at least)';

/** B's throughput against A's, with its interval. */
export function throughputText(c: ThroughputCall | undefined): string {
  if (!c) return TOO_FEW_SECONDS;
  const ci = `95% CI of B ÷ A ${formatSpeedupRange(c.ratio.low, c.ratio.high)}`;
  if (c.verdict === 'not-significant') return `no: within the seconds' variation (${ci})`;
  const more = c.verdict === 'higher' ? 'more' : 'fewer';
  return c.uncertainSize
    ? `yes: B served ${more} requests per second, by an uncertain amount (${ci})`
    : `yes: B served ${more} requests per second (${ci})`;
}

/** B's share of failed or dropped requests against A's, second by second. */
export function shareText(c: ShareCall | undefined, what: 'errors' | 'dropped requests'): string {
  switch (c) {
    case undefined:
      return 'only one test ran this strategy';
    case 'none':
      return `no ${what} in either`;
    case 'too-few-seconds':
      return TOO_FEW_SECONDS;
    case 'within-noise':
      return "no: the seconds' shares overlap";
    case 'higher':
      return `yes: every second of B had a higher share of ${what} than every second of A`;
    case 'lower':
      return `yes: every second of B had a lower share of ${what} than every second of A`;
  }
}
