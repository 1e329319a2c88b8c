import type { WhatIfPoint } from '@gatherscope/shared';
import { describe, expect, it } from 'vitest';
import { chartGeometry, medianAbsError } from './chart';

const size = { width: 420, height: 220, margin: { top: 10, right: 10, bottom: 30, left: 40 } };
const curve: WhatIfPoint[] = [0, 10, 20, 30].map((r) => ({
  ratePerSec: r,
  sequentialMs: r === 30 ? null : 300 + r * 10,
  concurrentMs: 100 + r,
  sequentialThroughput: Math.min(r, 25),
  concurrentThroughput: Math.min(r, 25),
}));

describe('what-if chart geometry', () => {
  it('maps rates across the width and puts the marker at the chosen rate', () => {
    const g = chartGeometry(curve, 'latency', 15, size);
    expect(g.innerWidth).toBe(370);
    expect(g.marker).toBeCloseTo(185, 6);
    expect(g.xTicks[0]).toEqual({ x: 0, label: '0.0' });
  });

  it('ends a line where the model saturates (no latency past capacity)', () => {
    const g = chartGeometry(curve, 'latency', 0, size);
    const seq = g.paths.find((p) => p.key === 'sequential')!.d;
    const conc = g.paths.find((p) => p.key === 'concurrent')!.d;
    // Three points (M + 2 L) for sequential, four for concurrent.
    expect(seq.match(/[ML]/g)).toHaveLength(3);
    expect(conc.match(/[ML]/g)).toHaveLength(4);
  });

  it('summarises prediction errors by their median absolute value', () => {
    expect(medianAbsError([0.1, -0.3, 0.05])).toBeCloseTo(0.1, 10);
    expect(medianAbsError([])).toBeNull();
  });
});
