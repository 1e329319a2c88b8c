import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram,
} from 'hdr-histogram-js';

/** Latencies are recorded in microseconds: 1 µs resolution, 3 significant digits, up to one hour. */
const MAX_US = 3_600_000_000;

/** The percentiles drawn as a latency distribution (HdrHistogram's percentile spectrum). */
export const spectrumPercentiles = [
  0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 98, 99, 99.5, 99.9, 99.99, 100,
] as const;

/**
 * A histogram as it crosses from a generator thread to the main one: HdrHistogram's compressed
 * encoding, with the exact smallest and largest values (the encoding keeps them only to the
 * precision of their bucket, and the spectrum's ends are these two).
 */
export interface EncodedHistogram {
  data: string;
  count: number;
  minUs: number;
  maxUs: number;
}

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * A latency histogram in milliseconds. Memory is fixed by the value range and precision, not by the
 * number of samples, so a test may run as long as it likes.
 */
export class LatencyHistogram {
  private readonly h: Histogram = build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_US,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
    bitBucketSize: 32,
  });
  // Exact extremes in µs: a merged histogram knows its values only to their bucket.
  private minUs = Number.POSITIVE_INFINITY;
  private maxUs = 0;

  record(ms: number): void {
    const us = Math.min(MAX_US, Math.max(1, Math.round(ms * 1000)));
    this.h.recordValue(us);
    if (us < this.minUs) this.minUs = us;
    if (us > this.maxUs) this.maxUs = us;
  }

  /** For another thread: empty histograms cost nothing to send. */
  encode(): EncodedHistogram {
    const count = this.h.totalCount;
    return {
      data: count ? encodeIntoCompressedBase64(this.h) : '',
      count,
      minUs: count ? this.minUs : 0,
      maxUs: this.maxUs,
    };
  }

  /** Adds another thread's histogram: counts bucket by bucket, so percentiles are the union's, exactly. */
  addEncoded(e: EncodedHistogram): void {
    if (e.count === 0) return;
    this.h.add(decodeFromCompressedBase64(e.data, 32));
    this.minUs = Math.min(this.minUs, e.minUs);
    this.maxUs = Math.max(this.maxUs, e.maxUs);
  }

  get count(): number {
    return this.h.totalCount;
  }

  /** Value at `p` (0–100) in ms; 0 when nothing was recorded. */
  percentile(p: number): number {
    if (this.h.totalCount === 0) return 0;
    if (p >= 100) return this.maxUs / 1000;
    // The histogram answers with the top of a bucket, which can lie above the largest value recorded.
    return Math.min(this.h.getValueAtPercentile(p), this.maxUs) / 1000;
  }

  summary(): LatencySummary {
    const n = this.h.totalCount;
    return {
      count: n,
      mean: n ? this.h.mean / 1000 : 0,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: n ? this.maxUs / 1000 : 0,
    };
  }

  spectrum(): { percentile: number; ms: number }[] {
    if (this.h.totalCount === 0) return [];
    return spectrumPercentiles.map((p) => ({
      percentile: p,
      ms: p === 0 ? this.minUs / 1000 : this.percentile(p),
    }));
  }

  add(other: LatencyHistogram): void {
    this.h.add(other.h);
    this.minUs = Math.min(this.minUs, other.minUs);
    this.maxUs = Math.max(this.maxUs, other.maxUs);
  }

  reset(): void {
    this.h.reset();
    this.minUs = Number.POSITIVE_INFINITY;
    this.maxUs = 0;
  }

  get footprintBytes(): number {
    return this.h.estimatedFootprintInBytes;
  }
}
