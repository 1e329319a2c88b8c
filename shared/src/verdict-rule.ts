import type { z } from 'zod';
import { formatMs, formatSpeedup, formatSpeedupRange } from './format';
import type { VerdictClassSchema } from './run';

/**
 * The one rule every verdict follows (Profile, CLI, decision matrix, compare, load tests): a
 * difference is worth acting on only when it is both statistically significant (its 95% interval
 * excludes "no difference") and practically significant (it saves at least MIN_PRACTICAL_GAIN_MS
 * per request). Either alone misleads: 1.8× of a 1.6 ms request saves 0.75 ms, which no user
 * notices, and a 3 ms saving inside the noise may be no saving at all.
 */

/** A saving under this per request is no practical difference, whatever its ratio. */
export const MIN_PRACTICAL_GAIN_MS = 1;
/** The request rate the per-second cost of a saving is stated at ("at 100 requests/s …"). */
export const STATED_RATE_PER_SEC = 100;
/** The median of the second half of trials differs from the first half's by this fraction: drift. */
export const NOISY_DRIFT = 0.25;
/** The headline interval is this wide relative to its estimate: the estimate is not settled. */
export const WIDE_INTERVAL = 0.5;
/** A model speedup below this predicts no gain: a measured one is then not the strategy's doing. */
export const NO_GAIN_MODEL = 1.1;

/**
 * What a comparison supports, as a class a test (or a user comparing five runs) can hold steady:
 * - faster / slower: significant and practical, in that direction;
 * - no-practical-difference: the saving (or loss) is under the threshold: keep it sequential;
 * - not-significant: a practical-sized difference whose interval still includes no difference;
 * - unexplained: significant and practical, but its model predicts no gain (noise, caching);
 * - too-noisy: a practical-sized difference whose estimate is not settled (its interval is wider
 *   than half of it): a verdict is never more certain than its data.
 */
export type VerdictClass = z.infer<typeof VerdictClassSchema>;

export interface RatioInterval {
  low: number;
  high: number;
}

export interface ComparisonInput {
  /** Median of the baseline (e.g. sequential), per request. */
  baselineMs: number;
  /** Median of the candidate. */
  candidateMs: number;
  /** 95% interval of baseline / candidate; null when there were too few samples for one. */
  ratio: RatioInterval | null;
  /** The candidate's model speedup over the baseline, when it has one. */
  modelSpeedup?: number | undefined;
}

export interface Judgement {
  verdictClass: VerdictClass;
  /** baseline − candidate per request: positive when the candidate saves time. */
  savingMs: number;
  /** The interval excludes 1 (or, without an interval, never). */
  significant: boolean;
  /** |saving| reaches MIN_PRACTICAL_GAIN_MS. */
  practical: boolean;
}

/** True when the 95% interval of a ratio excludes 1. */
export const ratioSignificant = (ratio: RatioInterval | null): boolean =>
  ratio !== null && (ratio.low > 1 || ratio.high < 1);

/**
 * The estimate is not settled: its 95% interval is wider than half of it, so even its size is
 * unknown. Drift and a long tail are reported as notes (stability.ts) but do not decide: with a
 * narrow interval they did not move the estimate enough to matter.
 */
export function unsettled(ratio: RatioInterval | null, estimate: number): boolean {
  return ratio !== null && estimate > 0 && (ratio.high - ratio.low) / estimate >= WIDE_INTERVAL;
}

/**
 * The rule, in order: a saving (or loss) under the practical threshold is no practical difference
 * whatever the ratio says (at sub-millisecond scale the ratio swings from run to run, the verdict
 * must not); so is one whose interval is wider than half the estimate and whose least favourable
 * end saves under the threshold: a practical difference is not shown, and a verdict is never more
 * certain than its data. An unsettled estimate that is practical even at that end is too noisy to
 * size; then significance, direction, and whether the model explains a gain.
 */
export function judge(c: ComparisonInput): Judgement {
  const savingMs = c.baselineMs - c.candidateMs;
  const practical = Math.abs(savingMs) >= MIN_PRACTICAL_GAIN_MS;
  const significant = ratioSignificant(c.ratio);
  const estimate = c.candidateMs > 0 ? c.baselineMs / c.candidateMs : 0;
  // The interval's end nearest to no difference, as a saving (or a loss) per request.
  const leastMs =
    c.ratio === null || c.ratio.low <= 0 || c.ratio.high <= 0
      ? Math.abs(savingMs)
      : savingMs >= 0
        ? c.baselineMs - c.baselineMs / c.ratio.low
        : c.baselineMs / c.ratio.high - c.baselineMs;
  const wide = unsettled(c.ratio, estimate);
  const verdictClass: VerdictClass =
    !practical || (wide && leastMs < MIN_PRACTICAL_GAIN_MS)
      ? 'no-practical-difference'
      : wide
        ? 'too-noisy'
        : !significant
          ? 'not-significant'
          : savingMs < 0
            ? 'slower'
            : c.modelSpeedup !== undefined && c.modelSpeedup < NO_GAIN_MODEL
              ? 'unexplained'
              : 'faster';
  return { verdictClass, savingMs, significant, practical };
}

/**
 * "saves 0.75 ms per request (at 100 requests/s, 75 ms less waiting per second)", or "costs … more
 * waiting": the practical size of a difference, in words a user can weigh against the extra code.
 */
export function savingSentence(savingMs: number, ratePerSec = STATED_RATE_PER_SEC): string {
  const per = Math.abs(savingMs);
  const perSecond = formatMs(per * ratePerSec);
  return savingMs >= 0
    ? `saves ${formatMs(per)} per request (at ${ratePerSec} requests/s, ${perSecond} less waiting per second)`
    : `costs ${formatMs(per)} per request (at ${ratePerSec} requests/s, ${perSecond} more waiting per second)`;
}

/** "95% CI 1.50–2.10×, statistically significant" or "…, within the noise". */
export function intervalClause(ratio: RatioInterval | null): string {
  if (!ratio) return 'too few trials for an interval';
  return `95% CI ${formatSpeedupRange(ratio.low, ratio.high)}, ${ratioSignificant(ratio) ? 'statistically significant' : 'within the noise'}`;
}

/** "1.80× (95% CI 1.50–2.10×, statistically significant)": the statistical side, stated. */
export function significanceSentence(estimate: number, ratio: RatioInterval | null): string {
  return `${formatSpeedup(estimate)} (${intervalClause(ratio)})`;
}

/** A short label of each class, for tables and compare: what a reader should take from it. */
export const verdictClassLabel: Record<VerdictClass, string> = {
  faster: 'faster',
  slower: 'slower',
  'no-practical-difference': 'no practical difference',
  'not-significant': 'not significant',
  unexplained: 'faster, not explained by its model',
  'too-noisy': 'too noisy to decide',
};
