import { formatMs, formatRate, formatSpeedup } from '@gatherscope/shared';
import type { Judged, VerdictInput } from './rules';
import { latencySentence, shareSentence } from './sentence';

/** Serving this many times the sequential throughput pays for concurrent code. */
const WORTHWHILE_THROUGHPUT = 1.15;
/** Under this ratio concurrency serves no more requests. */
const NO_THROUGHPUT_GAIN = 1.05;
/** Concurrent's p95 may exceed sequential's by this factor and still count as no worse (timer noise). */
const P95_TOLERANCE = 1.1;

/**
 * Under load, what matters is how many requests the same pool serves and how slow the slowest get:
 * concurrent when it serves at least 1.15× the sequential throughput, in every measured round, with a
 * p95 no worse; sequential when it serves under 1.05× (no more requests); either in between or when
 * the tail gets worse (a trade-off). The latency speedup is reported as supporting fact.
 */
export function decideOnThroughput(v: VerdictInput): Judged {
  const b = v.baseline.throughputPerSec ?? 0;
  const t = v.treatment.throughputPerSec ?? 0;
  const ratio = t / b;
  const bRounds = v.baseline.throughputRounds ?? [];
  const tRounds = v.treatment.throughputRounds ?? [];
  const hasRounds = bRounds.length > 0 && tRounds.length > 0;
  // With so few rounds there is no interval; "every round higher" is the check that drift did not decide.
  const everyRoundHigher = !hasRounds || Math.min(...tRounds) > Math.max(...bRounds);
  // The throughput differs significantly only when the two arms' rounds do not overlap at all.
  const everyRoundLower = hasRounds && Math.max(...tRounds) < Math.min(...bRounds);
  const separated = hasRounds && (everyRoundHigher || everyRoundLower);
  const tailOk = v.treatment.p95Ms <= v.baseline.p95Ms * P95_TOLERANCE;
  const gains = ratio >= WORTHWHILE_THROUGHPUT;
  const verdict =
    gains && everyRoundHigher && tailOk ? 'concurrent' : ratio < NO_THROUGHPUT_GAIN ? 'sequential' : 'either';
  const rounds = hasRounds
    ? ` (rounds: ${v.treatment.label} ${tRounds.map((r) => Math.round(r)).join(', ')}; ${v.baseline.label} ${bRounds.map((r) => Math.round(r)).join(', ')} req/s)`
    : '';
  const facts = `Under load, ${v.treatment.label} served ${formatRate(t)} vs ${v.baseline.label} ${formatRate(b)}: ${formatSpeedup(ratio)} the throughput${rounds}; p95 ${formatMs(v.treatment.p95Ms)} vs ${formatMs(v.baseline.p95Ms)}. Latency: ${latencySentence(v.speedup, v.baseline, v.treatment)}`;
  const because =
    verdict === 'concurrent'
      ? ' The same pool serves more requests with their waits overlapped, and the slowest requests are no slower: concurrent pays.'
      : verdict === 'sequential'
        ? !separated
          ? ` The rounds overlap, so the throughputs do not differ measurably: concurrency buys no throughput here, keep the simpler sequential code.`
          : ratio < 1
            ? ' Concurrent serves fewer requests in every round: keep the simpler sequential code.'
            : ` Concurrent serves no more requests (under ${formatSpeedup(NO_THROUGHPUT_GAIN)}): keep the simpler sequential code.`
        : gains && !tailOk
          ? ' It serves more requests, but its p95 is worse: a trade-off, either.'
          : gains
            ? ' The rounds disagree (a sequential round served as much as a concurrent one): too uncertain to decide, either.'
            : ' The throughput gain is too small to decide: either is fine.';
  const bound = v.bound ? ` What bounded it: ${v.bound}` : '';
  return {
    verdict,
    reason: `${facts}${shareSentence(v.computeShare)}${because}${bound}`,
    certain: separated,
  };
}
