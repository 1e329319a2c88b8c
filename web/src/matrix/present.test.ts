import { describe, expect, it } from 'vitest';
import { armText, contradictionText, mockLatencyOf, shareText, speedupText } from './present';

describe('matrix cell text', () => {
  it('writes the speedup with its interval, or says there was one trial', () => {
    expect(speedupText({ estimate: 2.987, low: 2.9, high: 3.05 })).toBe('2.99× (95% CI 2.90–3.05×)');
    expect(speedupText({ estimate: 9.5, low: null, high: null })).toBe('9.50× (one trial)');
  });

  it('splits computing and waiting, or says why it cannot', () => {
    expect(shareText(0.034)).toMatch(
      /^3% computing · 97% waiting \(of a sequential request: CPU of this process and of the preset's own database backends/,
    );
    expect(shareText(null)).toContain('not on this machine');
  });

  it('describes an arm with its throughput when measured', () => {
    expect(
      armText({ label: 'sequential', samples: 20, medianMs: 305.2, p95Ms: 310, throughputPerSec: null }),
    ).toBe('sequential: 305 ms median (p95 310 ms, n=20)');
    expect(
      armText({ label: 'concurrent', samples: 900, medianMs: 12.5, p95Ms: 20, throughputPerSec: 812.4 }),
    ).toContain('812 req/s');
  });

  it('says plainly when the measurement contradicts the usual verdict', () => {
    expect(contradictionText('sequential', 'concurrent')).toBe(
      'This measurement contradicts the usual verdict: articles say sequential, your database says concurrent.',
    );
  });

  it('accepts a mock latency of whole milliseconds from 0 to 5,000 only', () => {
    expect(mockLatencyOf('150')).toBe(150);
    expect(mockLatencyOf('0')).toBe(0);
    expect(mockLatencyOf('5000')).toBe(5000);
    expect(mockLatencyOf('5001')).toBeNull();
    expect(mockLatencyOf('-1')).toBeNull();
    expect(mockLatencyOf('12.5')).toBeNull();
    expect(mockLatencyOf('')).toBeNull();
  });
});
