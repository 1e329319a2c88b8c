import { useId } from 'react';
import { type LineSeries, layoutLines, type Size } from './chart-layout';

const SIZE: Size = { width: 420, height: 170, margin: { top: 10, right: 12, bottom: 28, left: 48 } };

/**
 * A small line chart: d3 lays it out (chart-layout.ts), React draws the SVG. The figure is named
 * by its title; its legend is plain text, so the lines are told apart without colour too.
 */
export function LineChart({
  title,
  yLabel,
  xLabel = 'seconds into the phase',
  lines,
  xLog2 = false,
  xTickLabel,
  xTicks,
  empty = 'No data yet.',
  markLabel = 'marked point',
}: {
  title: string;
  yLabel: string;
  xLabel?: string;
  lines: readonly LineSeries[];
  xLog2?: boolean;
  xTickLabel?: (v: number) => string;
  /** Where to put x ticks, when d3's choice would not read well (percentiles by nines). */
  xTicks?: readonly number[];
  empty?: string;
  /** What a ringed point means, for its tooltip and the legend. */
  markLabel?: string;
}) {
  const id = useId();
  const hasData = lines.some((l) => l.points.length > 0);
  const l = layoutLines(lines, SIZE, { xLog2, ...(xTicks ? { xTicks } : {}) });
  const marked = l.paths.some((p) => p.marks.length > 0);
  const { left, top } = SIZE.margin;
  return (
    <figure className="ld-chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`}>
        {title} <span className="muted">({yLabel})</span>
      </figcaption>
      {hasData ? (
        <svg viewBox={`0 0 ${SIZE.width} ${SIZE.height}`} role="img" aria-label={`${title}, ${yLabel}`}>
          <g transform={`translate(${left},${top})`}>
            {l.yTicks.map((t) => (
              <g key={`y${t.value}`} transform={`translate(0,${t.pos})`}>
                <line x2={l.innerWidth} className="ld-grid" />
                <text x={-6} dy="0.32em" textAnchor="end" className="ld-tick">
                  {t.label}
                </text>
              </g>
            ))}
            {l.xTicks.map((t) => (
              <text
                key={`x${t.value}`}
                x={t.pos}
                y={l.innerHeight + 14}
                textAnchor="middle"
                className="ld-tick"
              >
                {xTickLabel ? xTickLabel(t.value) : t.label}
              </text>
            ))}
            <text x={l.innerWidth / 2} y={l.innerHeight + 26} textAnchor="middle" className="ld-axis-label">
              {xLabel}
            </text>
            {l.paths.map((p) => (
              <path
                key={p.key}
                d={p.d}
                fill="none"
                stroke={p.color}
                strokeWidth={2}
                strokeDasharray={p.dash}
                // A second alone between gaps is a zero-length segment: round caps draw it as a dot.
                strokeLinecap="round"
                data-series={p.key}
              />
            ))}
            {l.paths.flatMap((p) =>
              p.marks.map((m) => (
                <circle
                  key={`${p.key}-${m.x}`}
                  cx={m.x}
                  cy={m.y}
                  r={5}
                  className="ld-mark"
                  stroke={p.color}
                  data-mark={p.key}
                >
                  <title>{`${p.label}: ${markLabel}`}</title>
                </circle>
              )),
            )}
          </g>
        </svg>
      ) : (
        <p className="muted ld-empty">{empty}</p>
      )}
      <ul className="ld-legend">
        {lines.map((s) => (
          <li key={s.key}>
            <svg width="16" height="8" aria-hidden="true">
              <line x1="0" x2="16" y1="4" y2="4" stroke={s.color} strokeWidth={2} strokeDasharray={s.dash} />
            </svg>
            {s.label}
          </li>
        ))}
        {marked ? (
          <li>
            <svg width="22" height="12" aria-hidden="true">
              <circle cx="11" cy="6" r="4" className="ld-mark" stroke="currentColor" />
            </svg>
            {markLabel}
          </li>
        ) : null}
      </ul>
    </figure>
  );
}
