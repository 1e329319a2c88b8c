/**
 * One way to say a number, for the server's sentences, the CLI's tables, the web app and the
 * exports alike: a reader who sees "3.00×" in the terminal must see "3.00×" on the page.
 *
 * The rule is three significant figures (0.42, 4.20, 42.0, 420), so a number carries as much
 * precision as a measurement of this kind holds and columns of them line up by magnitude.
 * Every function is pure and locale-free (en-US digits), so a test and a screenshot agree.
 */

/** What stands in for a number that does not exist (no trial measured, not finite). */
export const NONE = '–';

/** Three significant figures, no grouping: 0.42, 4.20, 42.0, 420, 4200. */
export function formatSignificant(n: number): string {
  if (!Number.isFinite(n)) return NONE;
  const a = Math.abs(n);
  // Chosen on the rounded value, so 9.996 reads "10.0" and not "10.00".
  const decimals = a >= 99.95 ? 0 : a >= 9.995 ? 1 : 2;
  const s = n.toFixed(decimals);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** A whole number with thousands separators: 1,234. */
export const formatInteger = (n: number): string =>
  Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : NONE;

/** A duration: "0.46 ms", "42.3 ms", "301 ms", "4200 ms", then seconds from 10 s: "12.3 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return NONE;
  if (Math.abs(ms) >= 10_000) return `${formatSignificant(ms / 1000)} s`;
  return `${formatSignificant(ms)} ms`;
}

/**
 * A time with a fixed number of decimals, for axes and ranges whose neighbours must differ
 * ("177.57 ms – 177.73 ms"); `unit: 's'` divides by 1000.
 */
export function formatMsFixed(ms: number, decimals: number, unit: 'ms' | 's' = 'ms'): string {
  if (!Number.isFinite(ms)) return NONE;
  return `${(unit === 's' ? ms / 1000 : ms).toFixed(decimals)} ${unit}`;
}

/** A speedup or any "times as much" ratio: "3.00×", "12.3×". */
export function formatSpeedup(x: number): string {
  return Number.isFinite(x) ? `${formatSignificant(x)}×` : NONE;
}

/** A confidence interval of a speedup: "2.80–3.10×" (the sign once, after both ends). */
export function formatSpeedupRange(low: number, high: number): string {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return NONE;
  return `${formatSignificant(low)}–${formatSignificant(high)}×`;
}

/** A rate per second: "1.23 req/s", "42.3 req/s", "1,234 req/s"; `unit` replaces "req". */
export function formatRate(perSec: number, unit = 'req'): string {
  if (!Number.isFinite(perSec)) return NONE;
  const n = Math.abs(perSec) >= 1000 ? formatInteger(perSec) : formatSignificant(perSec);
  return `${n} ${unit}/s`;
}

/** A share of a whole, 0–1, as a whole percentage: 0.423 → "42%". */
export function formatPercent(fraction: number, decimals = 0): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(decimals)}%` : NONE;
}

/** A relative change, with a real minus sign: 0.12 → "+12.0%", −0.085 → "−8.5%", 0 → "±0%". */
export function formatChange(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return NONE;
  const pct = fraction * 100;
  if (Math.abs(pct) < 0.05) return '±0%';
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct).toFixed(1)}%`;
}

/** A size in SI units: "512 B", "1.5 kB", "184 MB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return NONE;
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** A count with its noun: "1 span", "2 spans", "1,200 spans"; irregular plurals passed in. */
export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatInteger(n)} ${n === 1 ? singular : plural}`;
}
