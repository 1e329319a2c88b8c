import { describe, expect, it } from 'vitest';
import { sweepSizes } from './sweep';

describe('sweepSizes', () => {
  it('doubles from 1 up to the limit and ends at the limit', () => {
    expect(sweepSizes(32)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(sweepSizes(20)).toEqual([1, 2, 4, 8, 16, 20]);
    expect(sweepSizes(1)).toEqual([1]);
  });
});
