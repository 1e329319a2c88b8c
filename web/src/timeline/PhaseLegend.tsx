import { legendEntries } from './phases';

/** Legend of phase colours and marker lines. */
export function PhaseLegend() {
  return (
    <ul className="tl-legend" aria-label="Legend">
      {legendEntries.map((e) => (
        <li key={e.label} title={e.explain}>
          {'swatch' in e ? (
            <span className="tl-swatch" style={{ background: e.swatch }} aria-hidden="true" />
          ) : (
            <span className={`tl-line tl-line-${e.line}`} aria-hidden="true" />
          )}
          {e.label}
        </li>
      ))}
    </ul>
  );
}
