import { type Arm, formatMs, formatPercent, formatSpeedup, formatSpeedupRange } from '@gatherscope/shared';

export const capitalized = (s: string) => `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;

export interface SpeedupEstimate {
  estimate: number;
  low: number | null;
  high: number | null;
}

/** "concurrent 100 ms vs sequential 300 ms: 3.00× (95% CI 2.80–3.10×)." */
export function latencySentence(s: SpeedupEstimate, baseline: Arm, treatment: Arm): string {
  const ci =
    s.low !== null && s.high !== null
      ? ` (95% CI ${formatSpeedupRange(s.low, s.high)})`
      : ' (one trial, no interval)';
  return `${treatment.label} ${formatMs(treatment.medianMs)} vs ${baseline.label} ${formatMs(baseline.medianMs)}: ${formatSpeedup(s.estimate)}${ci}.`;
}

export function shareSentence(share: number | null): string {
  return share === null
    ? ''
    : ` ${formatPercent(share)} of the time was computing, ${formatPercent(1 - share)} waiting.`;
}
