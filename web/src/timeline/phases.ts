import type { PhaseName } from '@gatherscope/shared';

/** Colour (a CSS variable of the Okabe–Ito palette) and wording of each phase of a span. */
export const phaseStyle: Record<PhaseName, { color: string; label: string; explain: string }> = {
  waiting: { color: 'var(--c-orange)', label: 'waiting', explain: 'waiting for a free connection' },
  connecting: { color: 'var(--c-purple)', label: 'connecting', explain: 'opening a new connection' },
  executing: { color: 'var(--c-blue)', label: 'executing', explain: 'statement sent until the first row' },
  reading: { color: 'var(--c-sky)', label: 'reading', explain: 'first row until the last row' },
  delay: { color: 'var(--c-green)', label: 'simulated delay', explain: 'simulated server time' },
};

export const ERROR_COLOR = 'var(--c-error)';
