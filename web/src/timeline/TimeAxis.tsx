import { AXIS_HEIGHT, axisLabels } from './geometry';
import { type TimeScale, timeTicks } from './scale';

/** The shared time axis under all panels. d3 picks the ticks; React draws them. */
export function TimeAxis({ scale, width }: { scale: TimeScale; width: number }) {
  const ticks = axisLabels(timeTicks(scale, Math.max(2, Math.floor(width / 90))), scale, width);
  return (
    <svg className="tl-axis" width={width} height={AXIS_HEIGHT} aria-hidden="true">
      <line x1={0} x2={width} y1={0.5} y2={0.5} />
      {ticks.map((t) => (
        <g key={t.value} transform={`translate(${t.x},0)`}>
          <line y1={0} y2={5} />
          {t.label ? (
            <text y={17} textAnchor={t.anchor}>
              {t.label}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
