import type { Verdict } from '@gatherscope/shared';

/** A speedup below this is not worth the extra code of running work concurrently. */
const WORTHWHILE_SPEEDUP = 1.15;
/** Nor is a gain under a millisecond per request, whatever its ratio (sub-millisecond queries). */
const MIN_GAIN_MS = 1;

export interface VerdictInput {
  speedup: { estimate: number; low: number | null; high: number | null };
  computeShare: number | null;
  baselineLabel: string;
  treatmentLabel: string;
  baselineMs: number;
  treatmentMs: number;
  usual: Verdict;
}

const fmtX = (x: number) => `${x.toFixed(2)}×`;
const fmtMs = (x: number) =>
  x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;

/**
 * The verdict a measurement supports. Concurrent when the whole 95% interval of the speedup is at or
 * above 1.15× (and saves at least 1 ms), sequential when it is entirely below or saves less than 1 ms
 * (concurrency buys nothing worth its complexity),
 * either when the interval straddles the line. Without an interval (one trial) the estimate decides
 * with a wider margin.
 */
export function decide(v: VerdictInput): { verdict: Verdict; reason: string; contradicts: boolean } {
  const { estimate, low, high } = v.speedup;
  let verdict: Verdict;
  const tiny = v.baselineMs - v.treatmentMs < MIN_GAIN_MS;
  if (tiny) {
    verdict = 'sequential';
  } else if (low !== null && high !== null) {
    verdict = low >= WORTHWHILE_SPEEDUP ? 'concurrent' : high < WORTHWHILE_SPEEDUP ? 'sequential' : 'either';
  } else {
    verdict = estimate >= 1.3 ? 'concurrent' : estimate < 1.1 ? 'sequential' : 'either';
  }
  const ci =
    low !== null && high !== null ? ` (95% CI ${fmtX(low)}–${fmtX(high)})` : ' (one trial, no interval)';
  const share =
    v.computeShare === null
      ? ''
      : ` ${Math.round(v.computeShare * 100)}% of the time was computing, ${Math.round((1 - v.computeShare) * 100)}% waiting.`;
  const times = `${v.treatmentLabel} ${fmtMs(v.treatmentMs)} vs ${v.baselineLabel} ${fmtMs(v.baselineMs)}: ${fmtX(estimate)}${ci}.`;
  const computes = v.computeShare !== null && v.computeShare >= 0.5;
  const gain = v.baselineMs - v.treatmentMs;
  const because = tiny
    ? gain <= 0
      ? ` ${v.treatmentLabel[0]?.toUpperCase()}${v.treatmentLabel.slice(1)} is not faster here: keep the simpler sequential code.`
      : ` It saves under ${MIN_GAIN_MS} ms per request: not worth the extra code, keep it sequential.`
    : verdict === 'concurrent'
      ? computes
        ? ' The work mostly computes (in the app and the database): it gains only because that computing runs on several cores at once.'
        : ' The waits overlap, so running the work concurrently pays.'
      : verdict === 'sequential'
        ? computes
          ? ' The work mostly computes, so there is no wait to overlap: keep the simpler sequential code.'
          : ' Concurrency buys nothing measurable here: keep the simpler sequential code.'
        : ' The gain is too small or too uncertain to decide: either is fine.';
  return {
    verdict,
    reason: `${times}${share}${because}`,
    contradicts: verdict !== 'either' && verdict !== v.usual,
  };
}
