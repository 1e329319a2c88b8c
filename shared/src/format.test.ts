import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatChange,
  formatCount,
  formatInteger,
  formatMs,
  formatMsFixed,
  formatPercent,
  formatRate,
  formatSignificant,
  formatSpeedup,
  formatSpeedupRange,
  NONE,
} from './format';

describe('formatSignificant', () => {
  it('keeps three significant figures at every magnitude', () => {
    expect(formatSignificant(0.4567)).toBe('0.46');
    expect(formatSignificant(4.2)).toBe('4.20');
    expect(formatSignificant(42.34)).toBe('42.3');
    expect(formatSignificant(301.2)).toBe('301');
    expect(formatSignificant(4200.4)).toBe('4200');
  });
  it('decides the decimals on the rounded value, so a number never gains a fourth figure', () => {
    expect(formatSignificant(9.996)).toBe('10.0');
    expect(formatSignificant(99.96)).toBe('100');
  });
  it('never writes a negative zero, and marks what is not a number', () => {
    expect(formatSignificant(-0.001)).toBe('0.00');
    expect(formatSignificant(Number.NaN)).toBe(NONE);
    expect(formatSignificant(Number.POSITIVE_INFINITY)).toBe(NONE);
  });
});

describe('durations', () => {
  it('say milliseconds up to ten seconds, then seconds', () => {
    expect(formatMs(0.4567)).toBe('0.46 ms');
    expect(formatMs(42.34)).toBe('42.3 ms');
    expect(formatMs(301.2)).toBe('301 ms');
    expect(formatMs(9_999)).toBe('9999 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
    expect(formatMs(Number.NaN)).toBe(NONE);
  });
  it('take fixed decimals where neighbouring labels must differ', () => {
    expect(formatMsFixed(177.574, 2)).toBe('177.57 ms');
    expect(formatMsFixed(12_500, 1, 's')).toBe('12.5 s');
  });
});

describe('ratios', () => {
  it('write every speedup with the multiplication sign and three figures', () => {
    expect(formatSpeedup(3)).toBe('3.00×');
    expect(formatSpeedup(12.34)).toBe('12.3×');
    expect(formatSpeedup(Number.NaN)).toBe(NONE);
    expect(formatSpeedupRange(2.8, 3.1)).toBe('2.80–3.10×');
  });
  it('write relative changes with a sign, and no change as ±0%', () => {
    expect(formatChange(0.12)).toBe('+12.0%');
    expect(formatChange(-0.085)).toBe('−8.5%');
    expect(formatChange(0.0001)).toBe('±0%');
    expect(formatChange(undefined)).toBe(NONE);
  });
  it('write shares as percentages', () => {
    expect(formatPercent(0.423)).toBe('42%');
    expect(formatPercent(0.4236, 1)).toBe('42.4%');
  });
});

describe('rates, sizes and counts', () => {
  it('group large rates and keep three figures on small ones', () => {
    expect(formatRate(1500)).toBe('1,500 req/s');
    expect(formatRate(42.34)).toBe('42.3 req/s');
    expect(formatRate(3, 'queries')).toBe('3.00 queries/s');
  });
  it('write sizes in SI units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_500)).toBe('1.5 kB');
    expect(formatBytes(183_662_271)).toBe('184 MB');
  });
  it('put the noun in the plural unless there is exactly one', () => {
    expect(formatCount(1, 'span')).toBe('1 span');
    expect(formatCount(2, 'span')).toBe('2 spans');
    expect(formatCount(0, 'query', 'queries')).toBe('0 queries');
    expect(formatCount(1200, 'span')).toBe('1,200 spans');
    expect(formatInteger(1234.6)).toBe('1,235');
  });
});
