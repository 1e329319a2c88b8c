import type { Arm } from '@gatherscope/shared';

export const fmtX = (x: number) => `${x.toFixed(2)}×`;
export const fmtMs = (x: number) =>
  x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
export const fmtRate = (x: number) =>
  `${x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1)} req/s`;
export const capitalized = (s: string) => `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;

export interface SpeedupEstimate {
  estimate: number;
  low: number | null;
  high: number | null;
}

/** "concurrent 100 ms vs sequential 300 ms: 3.00× (95% CI 2.80×–3.10×)." */
export function latencySentence(s: SpeedupEstimate, baseline: Arm, treatment: Arm): string {
  const ci =
    s.low !== null && s.high !== null
      ? ` (95% CI ${fmtX(s.low)}–${fmtX(s.high)})`
      : ' (one trial, no interval)';
  return `${treatment.label} ${fmtMs(treatment.medianMs)} vs ${baseline.label} ${fmtMs(baseline.medianMs)}: ${fmtX(s.estimate)}${ci}.`;
}

export function shareSentence(share: number | null): string {
  return share === null
    ? ''
    : ` ${Math.round(share * 100)}% of the time was computing, ${Math.round((1 - share) * 100)}% waiting.`;
}
