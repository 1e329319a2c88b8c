import {
  type Judgement,
  type LoadResult,
  type LoadSecond,
  type LoadTestRecord,
  median,
  type RatioInterval,
  ratioSignificant,
  type StrategyName,
  unsettled,
} from '@gatherscope/shared';
import { errorTotal, okRequests } from '../load/chart-data';
import { change, judgeDelta, MIN_SAMPLES, medianRatio } from './deltas';

/**
 * Two load tests, strategy by strategy. Whether a delta is meaningful rests on each test's own
 * variation from second to second (its per-second series): a difference inside that noise is
 * called so, and with fewer than three full seconds a side there is no call at all.
 */

/** Whether B's throughput differs from A's beyond the seconds' variation. */
export interface ThroughputCall {
  verdict: 'higher' | 'lower' | 'not-significant';
  /** 95% interval of B's median per-second throughput over A's. */
  ratio: RatioInterval;
  /** The interval is wider than half its estimate: the direction holds, the size is uncertain. */
  uncertainSize: boolean;
}

/** Whether B's error (or dropped) share differs from A's beyond the seconds' variation. */
export type ShareCall = 'none' | 'higher' | 'lower' | 'within-noise' | 'too-few-seconds';

export interface MetricDelta<Call> {
  a: number | undefined;
  b: number | undefined;
  diff: number | undefined;
  ratio: number | undefined;
  /** undefined: too few full seconds on a side to tell. */
  call: Call | undefined;
}

export interface LoadStrategyDelta {
  strategy: StrategyName;
  /** Full seconds measured in A and in B: what each call rests on. */
  seconds: { a: number; b: number };
  throughput: MetricDelta<ThroughputCall>;
  /** Latency percentiles of successful requests, judged by the shared verdict rule (B faster = lower). */
  p50: MetricDelta<Judgement>;
  p95: MetricDelta<Judgement>;
  p99: MetricDelta<Judgement>;
  errors: MetricDelta<ShareCall>;
  dropped: MetricDelta<ShareCall>;
}

type Comparable = Pick<LoadTestRecord, 'settings' | 'results' | 'series'>;

const secondsOf = (t: Comparable, s: StrategyName) => t.series.filter((x) => x.strategy === s);

/** B's throughput against A's: a bootstrap over the per-second throughputs, as the load verdict does. */
export function throughputCall(a: readonly number[], b: readonly number[]): ThroughputCall | undefined {
  const ratio = medianRatio(b, a);
  if (!ratio) return undefined;
  const significant = ratioSignificant(ratio);
  return {
    verdict: !significant ? 'not-significant' : ratio.low > 1 ? 'higher' : 'lower',
    ratio,
    uncertainSize: significant && unsettled(ratio, median(b) / median(a)),
  };
}

/**
 * B's share of failed (or dropped) requests against A's. Requests of one second fail together (a
 * pool timeout, a lock), so they are not independent trials: the call compares the seconds' shares
 * and says "higher" only when every second of B lies above every second of A (or below).
 */
export function shareCall(a: readonly number[], b: readonly number[]): ShareCall {
  if (a.every((x) => x === 0) && b.every((x) => x === 0)) return 'none';
  if (a.length < MIN_SAMPLES || b.length < MIN_SAMPLES) return 'too-few-seconds';
  if (Math.min(...b) > Math.max(...a)) return 'higher';
  if (Math.max(...b) < Math.min(...a)) return 'lower';
  return 'within-noise';
}

function metric<Call>(
  a: number | undefined,
  b: number | undefined,
  call: Call | undefined,
): MetricDelta<Call> {
  return { a, b, ...change(a, b), call };
}

const percentile = (key: 'p50' | 'p95' | 'p99') => (r: LoadResult) => r.latencyMs[key];

/** Per strategy of either test (A's order first), every number the Load page reports, side by side. */
export function loadStrategyDeltas(a: Comparable, b: Comparable): LoadStrategyDelta[] {
  const strategies = [...new Set([...a.settings.strategies, ...b.settings.strategies])];
  return strategies.map((strategy) => {
    const ra = a.results.find((r) => r.strategy === strategy);
    const rb = b.results.find((r) => r.strategy === strategy);
    const [sa, sb] = [secondsOf(a, strategy), secondsOf(b, strategy)];
    // A latency needs a successful request; a second without one has none.
    const [oka, okb] = [sa.filter((s) => okRequests(s) > 0), sb.filter((s) => okRequests(s) > 0)];
    const latency = (key: 'p50' | 'p95' | 'p99') => {
      const [x, y] = [
        ra && ra.requests > 0 ? percentile(key)(ra) : undefined,
        rb && rb.requests > 0 ? percentile(key)(rb) : undefined,
      ];
      const call =
        x === undefined || y === undefined
          ? undefined
          : judgeDelta(
              oka.map((s) => s[key]),
              okb.map((s) => s[key]),
              { a: x, b: y },
            );
      return metric(x, y, call);
    };
    const share = (count: (s: LoadSecond) => number) => (s: LoadSecond) =>
      s.requests + s.dropped > 0 ? count(s) / (s.requests + s.dropped) : 0;
    const shares = (count: (s: LoadSecond) => number) =>
      ra && rb ? shareCall(sa.map(share(count)), sb.map(share(count))) : undefined;
    return {
      strategy,
      seconds: { a: sa.length, b: sb.length },
      throughput: metric(
        ra?.throughput,
        rb?.throughput,
        ra && rb ? throughputCall(sa.map(okRequests), sb.map(okRequests)) : undefined,
      ),
      p50: latency('p50'),
      p95: latency('p95'),
      p99: latency('p99'),
      errors: metric(ra?.errors, rb?.errors, shares(errorTotal)),
      dropped: metric(
        ra?.dropped,
        rb?.dropped,
        shares((s) => s.dropped),
      ),
    };
  });
}
