import { type PhaseName, phaseNames } from '@gatherscope/shared';

/** Colour (a CSS variable of the Okabe–Ito palette) and wording of each phase of a span. */
export const phaseStyle: Record<PhaseName, { color: string; label: string; explain: string }> = {
  waiting: { color: 'var(--c-orange)', label: 'waiting', explain: 'waiting for a free connection' },
  connecting: { color: 'var(--c-purple)', label: 'connecting', explain: 'opening a new connection' },
  executing: { color: 'var(--c-blue)', label: 'executing', explain: 'statement sent until the first row' },
  reading: { color: 'var(--c-sky)', label: 'reading', explain: 'first row until the last row' },
  delay: { color: 'var(--c-green)', label: 'simulated delay', explain: 'simulated server time' },
};

export const ERROR_COLOR = 'var(--c-error)';

/** One item of the timeline's legend: a colour swatch (phases, failure) or a marker line. */
export type LegendEntry = { label: string; explain?: string } & (
  | { swatch: string }
  | { line: 'theory' | 'median' | 'wall' }
);

/** The legend of the timeline and of its SVG/PNG image: one list, so both explain the same marks. */
export const legendEntries: readonly LegendEntry[] = [
  ...phaseNames.map((p) => ({
    label: phaseStyle[p].label,
    explain: phaseStyle[p].explain,
    swatch: phaseStyle[p].color,
  })),
  { label: 'failed', swatch: ERROR_COLOR },
  { label: 'theoretical time', line: 'theory' },
  { label: 'median wall time', line: 'median' },
  { label: 'wall time of the trial shown', line: 'wall' },
];
