import { formatPercent, formatSpeedup } from './format';
import type { Stability } from './run';

/** "Steady estimate: 95% interval 12% of the estimate wide; p95 1.30× the median; …": one wording for web and CLI. */
export function stabilityText(s: Stability): string {
  const parts = [
    s.ciRelativeWidth !== null
      ? `95% interval ${formatPercent(s.ciRelativeWidth)} of the estimate wide`
      : null,
    `p95 ${formatSpeedup(s.tailRatio)} the median`,
    `median drift ${formatPercent(s.drift)} between the halves of the trials`,
    s.loadPerCore !== null ? `machine load ${s.loadPerCore.toFixed(1)} per core` : null,
  ].filter((p): p is string => p !== null);
  return `${s.noisy ? 'Noisy estimate' : 'Steady estimate'}: ${parts.join('; ')}.`;
}
