import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs } from './format';

describe('format', () => {
  it('formats bytes in SI units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(183_662_271)).toBe('184 MB');
    expect(formatBytes(1_500)).toBe('1.5 kB');
  });
  it('formats milliseconds with sensible precision', () => {
    expect(formatMs(0.4567)).toBe('0.46 ms');
    expect(formatMs(42.34)).toBe('42.3 ms');
    expect(formatMs(301.2)).toBe('301 ms');
    expect(formatMs(12_345)).toBe('12.3 s');
  });
});
