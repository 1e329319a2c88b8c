import { type Stability, stabilityText } from '@gatherscope/shared';

/**
 * How steady the run's estimate is, measured (engine/stability.ts): the interval's width relative to
 * the estimate, the tail, the drift between halves and the machine's load. A noisy run is flagged;
 * what to do about it is in the verdict sentence above.
 */
export function StabilityLine({ stability }: { stability: Stability }) {
  return (
    <p className={stability.noisy ? 'warning-box pf-stability' : 'pf-stability muted'}>
      {stabilityText(stability)}
    </p>
  );
}
