import { describe, expect, it } from 'vitest';
import { isSignalCopy } from './repeated-signal';

describe('isSignalCopy', () => {
  it('takes a signal within a second of the first for a copy of it, a later one for a new Ctrl-C', () => {
    expect(isSignalCopy(10_000, 10_000)).toBe(true);
    expect(isSignalCopy(10_000, 10_999)).toBe(true);
    expect(isSignalCopy(10_000, 11_000)).toBe(false);
    expect(isSignalCopy(10_000, 15_000)).toBe(false);
  });
});
