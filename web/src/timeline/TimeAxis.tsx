import { AXIS_HEIGHT } from './geometry';
import { type TimeScale, timeTicks } from './scale';

/** The shared time axis under all panels. d3 picks the ticks; React draws them. */
export function TimeAxis({ scale, width }: { scale: TimeScale; width: number }) {
  const ticks = timeTicks(scale, Math.max(2, Math.floor(width / 90)));
  return (
    <svg className="tl-axis" width={width} height={AXIS_HEIGHT} aria-hidden="true">
      <line x1={0} x2={width} y1={0.5} y2={0.5} />
      {ticks.map((t) => {
        const x = scale(t.value);
        if (x < -1 || x > width + 1) return null;
        return (
          <g key={t.value} transform={`translate(${x},0)`}>
            <line y1={0} y2={5} />
            <text y={17} textAnchor={x < 20 ? 'start' : x > width - 30 ? 'end' : 'middle'}>
              {t.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
