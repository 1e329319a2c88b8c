import type { ErrorCounts } from '@gatherscope/shared';
import { type EncodedHistogram, LatencyHistogram } from './histogram';
import type { RequestOutcome } from './request';

export interface SecondStats {
  requests: number;
  errors: ErrorCounts;
  dropped: number;
  p50: number;
  p95: number;
  p99: number;
  lagP95: number;
}

/**
 * What a generator thread measured since its last report: its share of a second, histograms encoded
 * so the main thread merges them exactly (generator-thread-main.ts, generator-threads.ts).
 */
export interface ThreadReport {
  latency: EncodedHistogram;
  lag: EncodedHistogram;
  requests: number;
  ok: number;
  dropped: number;
  errors: ErrorCounts;
  cancelledByStop: number;
  connectionMs: number;
  waitMs: number;
  acquires: number;
  maxHeld: number;
}

/**
 * Everything one phase (a strategy at a pool size) measures: a histogram for the whole phase and one
 * for the current second, which is folded into the whole and reset every second. Memory stays flat.
 */
export class PhaseRecorder {
  readonly total = new LatencyHistogram();
  private readonly second = new LatencyHistogram();
  private readonly lagSecond = new LatencyHistogram();
  requests = 0;
  ok = 0;
  dropped = 0;
  readonly errors: ErrorCounts = {};
  connectionMs = 0;
  waitMs = 0;
  acquires = 0;
  maxHeld = 0;
  /** Set when the user stops the test: requests then cancelled are counted apart, not as errors. */
  userStopped = false;
  cancelledByStop = 0;
  private secRequests = 0;
  private secDropped = 0;
  private secErrors: ErrorCounts = {};

  /** `latencyMs` counts from the request's scheduled start in the open model, its real start otherwise. */
  /** `userStop`: another way to learn of the user's Stop (a generator thread reads a flag shared with the main thread). */
  constructor(private readonly userStop?: () => boolean) {}

  request(latencyMs: number, outcome: RequestOutcome, lagMs = 0): void {
    // Cancelled on the client ('cancelled') or on the server (57014) because the user pressed Stop.
    if (
      (this.userStopped || this.userStop?.()) &&
      (outcome.error === 'cancelled' || outcome.error === '57014')
    ) {
      this.cancelledByStop++;
      return;
    }
    this.requests++;
    this.secRequests++;
    this.connectionMs += outcome.connectionMs;
    this.waitMs += outcome.waitMs;
    this.acquires += outcome.acquires;
    this.maxHeld = Math.max(this.maxHeld, outcome.maxHeld);
    this.lagSecond.record(lagMs);
    if (outcome.error) {
      this.errors[outcome.error] = (this.errors[outcome.error] ?? 0) + 1;
      this.secErrors[outcome.error] = (this.secErrors[outcome.error] ?? 0) + 1;
      return;
    }
    // Latency percentiles describe successful requests; a fast failure would flatter them.
    this.ok++;
    this.second.record(latencyMs);
  }

  drop(n = 1): void {
    this.dropped += n;
    this.secDropped += n;
  }

  get errorCount(): number {
    return Object.values(this.errors).reduce((a, b) => a + b, 0);
  }

  /**
   * A generator thread's side: everything since the last report, then starts afresh (its totals
   * are the main thread's to keep).
   */
  takeReport(): ThreadReport {
    const r: ThreadReport = {
      latency: this.second.encode(),
      lag: this.lagSecond.encode(),
      requests: this.secRequests,
      ok: this.ok,
      dropped: this.secDropped,
      errors: this.secErrors,
      cancelledByStop: this.cancelledByStop,
      connectionMs: this.connectionMs,
      waitMs: this.waitMs,
      acquires: this.acquires,
      maxHeld: this.maxHeld,
    };
    this.second.reset();
    this.lagSecond.reset();
    this.secRequests = 0;
    this.secDropped = 0;
    this.secErrors = {};
    this.ok = 0;
    this.cancelledByStop = 0;
    this.connectionMs = 0;
    this.waitMs = 0;
    this.acquires = 0;
    this.maxHeld = 0;
    return r;
  }

  /** The main thread's side: a thread's report joins the current second and the totals. */
  absorb(r: ThreadReport): void {
    this.second.addEncoded(r.latency);
    this.lagSecond.addEncoded(r.lag);
    this.requests += r.requests;
    this.secRequests += r.requests;
    this.ok += r.ok;
    this.dropped += r.dropped;
    this.secDropped += r.dropped;
    for (const [k, n] of Object.entries(r.errors)) {
      this.errors[k] = (this.errors[k] ?? 0) + n;
      this.secErrors[k] = (this.secErrors[k] ?? 0) + n;
    }
    this.cancelledByStop += r.cancelledByStop;
    this.connectionMs += r.connectionMs;
    this.waitMs += r.waitMs;
    this.acquires += r.acquires;
    this.maxHeld = Math.max(this.maxHeld, r.maxHeld);
  }

  /** The stats of the second just ended; starts the next one. */
  takeSecond(): SecondStats {
    const s: SecondStats = {
      requests: this.secRequests,
      errors: this.secErrors,
      dropped: this.secDropped,
      p50: this.second.percentile(50),
      p95: this.second.percentile(95),
      p99: this.second.percentile(99),
      lagP95: this.lagSecond.percentile(95),
    };
    this.total.add(this.second);
    this.second.reset();
    this.lagSecond.reset();
    this.secRequests = 0;
    this.secDropped = 0;
    this.secErrors = {};
    return s;
  }
}
