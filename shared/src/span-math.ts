import type { Phase, PhaseName, Span, Trial } from './span';

/**
 * Sums over a span's phases and the rule for trials a Stop cut short, written once for the
 * server's statistics, the exports and the web app's tooltips, so they cannot disagree.
 */

/** Milliseconds spent in each phase of a span (a phase may repeat; its parts add up). */
export function phaseDurations(
  phases: readonly Pick<Phase, 'phase' | 'start' | 'end'>[],
): Partial<Record<PhaseName, number>> {
  const out: Partial<Record<PhaseName, number>> = {};
  for (const p of phases) out[p.phase] = (out[p.phase] ?? 0) + Math.max(0, p.end - p.start);
  return out;
}

/** Milliseconds a span spent in one phase (0 when it never entered it). */
export const phaseMs = (s: Pick<Span, 'phases'>, phase: PhaseName): number =>
  phaseDurations(s.phases)[phase] ?? 0;

/** The span's own cost: its duration less the time it waited for a free connection. */
export const spanCostMs = (s: Pick<Span, 'start' | 'end' | 'phases'>): number =>
  s.end - s.start - phaseMs(s, 'waiting');

/**
 * A trial the run's Stop cut short: one of its queries was cancelled. It is not a measurement
 * (nor a failure): statistics leave it out, as they leave out trials never started.
 */
export const isCutTrial = (t: Pick<Trial, 'spans'>): boolean =>
  t.spans.some((s) => s.error?.kind === 'cancelled');
