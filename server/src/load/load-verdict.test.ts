import { describe, expect, it } from 'vitest';
import { p95Comparison } from './load-verdict';

describe('the p95 part of a load verdict', () => {
  it('says percentages, and about the same when they are close', () => {
    expect(p95Comparison(10, 15)).toBe('and a 33% lower p95');
    expect(p95Comparison(20, 10)).toBe('but a 100% higher p95');
    expect(p95Comparison(10.2, 10)).toBe('with about the same p95');
    expect(p95Comparison(0, 10)).toBe('with p95 latencies that cannot be compared');
  });
});
