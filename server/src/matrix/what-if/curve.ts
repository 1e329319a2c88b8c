import type { WhatIfInput, WhatIfPoint } from '@gatherscope/shared';
import { predictWhatIf } from './model';

/** The model at evenly spaced arrival rates, from 0 to 1.2× the lower capacity (or the chosen rate). */
export function whatIfCurve(input: WhatIfInput, points = 40): WhatIfPoint[] {
  const p = predictWhatIf(input);
  const capacity = Math.min(p.sequential.capacityPerSec, p.concurrent.capacityPerSec);
  const top = Math.max(Number.isFinite(capacity) ? capacity * 1.2 : 100, input.ratePerSec);
  return Array.from({ length: points + 1 }, (_, i) => {
    const ratePerSec = (top * i) / points;
    const at = predictWhatIf({ ...input, ratePerSec });
    return {
      ratePerSec,
      sequentialMs: at.sequential.latencyMs,
      concurrentMs: at.concurrent.latencyMs,
      sequentialThroughput: at.sequential.throughputPerSec,
      concurrentThroughput: at.concurrent.throughputPerSec,
    };
  });
}
