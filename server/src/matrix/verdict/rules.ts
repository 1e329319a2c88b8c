import {
  type Arm,
  formatPercent,
  formatSpeedup,
  MIN_PRACTICAL_GAIN_MS,
  ratioSignificant,
  savingSentence,
  type Verdict,
  type VerdictBasis,
} from '@gatherscope/shared';
import { capitalized, latencySentence, type SpeedupEstimate, shareSentence } from './sentence';
import { decideOnThroughput } from './throughput-rule';

/** A speedup below this is not worth the extra code of running work concurrently. */
export const WORTHWHILE_SPEEDUP = 1.15;
/** Nor is a gain under the shared practical threshold per request, whatever its ratio (verdict-rule.ts). */
const MIN_GAIN_MS = MIN_PRACTICAL_GAIN_MS;
/** Work that computes at least this share of its time is CPU-bound: there is little wait to overlap. */
export const COMPUTE_BOUND_SHARE = 0.5;

export interface VerdictInput {
  basis: VerdictBasis;
  speedup: SpeedupEstimate;
  computeShare: number | null;
  baseline: Arm;
  treatment: Arm;
  usual: Verdict;
  /** What bounded a throughput result, from the preset (presets/load-bound.ts). */
  bound?: string | undefined;
}

export interface Decision {
  verdict: Verdict;
  reason: string;
  contradicts: boolean;
}

/** A rule's decision and whether its data are certain enough to contradict the usual verdict. */
export type Judged = Omit<Decision, 'contradicts'> & { certain: boolean };

/**
 * The verdict a measurement supports, on the scenario's basis: the latency speedup (one request),
 * the throughput and p95 under load (verdict-throughput.ts), or the speedup read with the compute
 * share (CPU-bound work: a gain there comes from cores, not from overlapping waits).
 */
export function decide(v: VerdictInput): Decision {
  const d =
    v.basis === 'throughput' && v.baseline.throughputPerSec && v.treatment.throughputPerSec
      ? decideOnThroughput(v)
      : v.basis === 'compute'
        ? decideOnCompute(v)
        : decideOnLatency(v);
  const differs = d.verdict !== 'either' && d.verdict !== v.usual;
  // A verdict is never more certain than its data: a difference within the noise contradicts nothing.
  const caveat =
    differs && !d.certain
      ? ` This differs from the usual verdict (${v.usual}) but does not contradict it: the difference is within the noise.`
      : '';
  return { verdict: d.verdict, reason: `${d.reason}${caveat}`, contradicts: differs && d.certain };
}

/**
 * Concurrent when the whole 95% interval of the speedup is at or above 1.15× (and saves at least
 * 1 ms), sequential when it is entirely below or saves less than 1 ms (concurrency buys nothing
 * worth its complexity), either when the interval straddles the line. Without an interval (one
 * trial) the estimate decides with a wider margin.
 */
export function decideOnLatency(v: VerdictInput): Judged {
  const { estimate, low, high } = v.speedup;
  const gain = v.baseline.medianMs - v.treatment.medianMs;
  const tiny = gain < MIN_GAIN_MS;
  const significant = low !== null && high !== null && ratioSignificant({ low, high });
  let verdict: Verdict;
  if (tiny) verdict = 'sequential';
  else if (low !== null && high !== null)
    verdict = low >= WORTHWHILE_SPEEDUP ? 'concurrent' : high < WORTHWHILE_SPEEDUP ? 'sequential' : 'either';
  else verdict = estimate >= 1.3 ? 'concurrent' : estimate < 1.1 ? 'sequential' : 'either';
  const computes = v.computeShare !== null && v.computeShare >= COMPUTE_BOUND_SHARE;
  const because = tiny
    ? gain <= 0
      ? ` ${capitalized(v.treatment.label)} is not faster here: keep the simpler sequential code.`
      : ` It ${savingSentence(gain)}, under ${MIN_GAIN_MS} ms per request: no practical difference, keep it sequential.`
    : verdict === 'concurrent'
      ? computes
        ? ' The work mostly computes (in the app and the database): it gains only because that computing runs on several cores at once.'
        : ' The waits overlap, so running the work concurrently pays.'
      : verdict === 'sequential'
        ? computes
          ? ' The work mostly computes, so there is no wait to overlap: keep the simpler sequential code.'
          : ' Concurrency buys nothing measurable here: keep the simpler sequential code.'
        : ' The gain is too small or too uncertain to decide: either is fine.';
  const saving = tiny ? '' : ` It ${savingSentence(gain)}.`;
  return {
    verdict,
    reason: `${latencySentence(v.speedup, v.baseline, v.treatment)}${shareSentence(v.computeShare)}${saving}${because}`,
    certain: significant,
  };
}

/**
 * CPU-bound work: the compute share decides what a speedup means. Mostly waiting: the waits
 * overlap, judged as latency. Mostly computing: a speedup comes only from several cores computing at
 * once, which holds while the database has idle cores and is gone under load, when other requests
 * use them; so a significant speedup there is "either", never a reason to restructure the code.
 */
function decideOnCompute(v: VerdictInput): Judged {
  const latency = decideOnLatency(v);
  if (v.computeShare === null) {
    return {
      ...latency,
      reason: `${latency.reason} The compute share could not be measured (the database is not on this machine), so this is judged on latency alone.`,
    };
  }
  const pct = formatPercent(v.computeShare);
  if (v.computeShare < COMPUTE_BOUND_SHARE) {
    return {
      ...latency,
      reason: `${latency.reason} Only ${pct} of the time was computing: this work waits more than it computes, so it is judged like I/O.`,
    };
  }
  const times = latencySentence(v.speedup, v.baseline, v.treatment);
  if (latency.verdict === 'concurrent') {
    return {
      verdict: 'either',
      certain: latency.certain,
      reason: `${times} ${pct} of the time was computing: the ${formatSpeedup(v.speedup.estimate)} comes from several cores computing at once, not from overlapping waits. It lasts only while the database has idle cores; under load other requests take them. Parallelise only for a lone job on an idle machine: either.`,
    };
  }
  return {
    verdict: latency.verdict,
    certain: latency.certain,
    reason: `${times} ${pct} of the time was computing: there is no wait to overlap${latency.verdict === 'sequential' ? ', and spare cores did not help either: keep the simpler sequential code.' : ', and the gain from spare cores is too small or too uncertain to decide: either is fine.'}`,
  };
}
