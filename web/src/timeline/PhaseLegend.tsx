import { phaseNames } from '@gatherscope/shared';
import { ERROR_COLOR, phaseStyle } from './phases';

/** Legend of phase colours and marker lines. */
export function PhaseLegend() {
  return (
    <ul className="tl-legend" aria-label="Legend">
      {phaseNames.map((p) => (
        <li key={p} title={phaseStyle[p].explain}>
          <span className="tl-swatch" style={{ background: phaseStyle[p].color }} aria-hidden="true" />
          {phaseStyle[p].label}
        </li>
      ))}
      <li>
        <span className="tl-swatch" style={{ background: ERROR_COLOR }} aria-hidden="true" />
        failed
      </li>
      <li>
        <span className="tl-line tl-line-theory" aria-hidden="true" />
        theoretical time
      </li>
      <li>
        <span className="tl-line tl-line-median" aria-hidden="true" />
        median wall time
      </li>
      <li>
        <span className="tl-line tl-line-wall" aria-hidden="true" />
        wall time of the trial shown
      </li>
    </ul>
  );
}
