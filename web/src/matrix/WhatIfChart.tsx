import type { WhatIfPoint } from '@gatherscope/shared';
import { type ChartSize, chartGeometry } from './chart';

const SIZE: ChartSize = { width: 440, height: 220, margin: { top: 12, right: 14, bottom: 34, left: 48 } };
const COLORS = { sequential: 'var(--c-orange)', concurrent: 'var(--c-blue)' } as const;

/** One what-if plot: d3 computed the geometry (chart.ts), React draws it. */
export function WhatIfChart({
  curve,
  metric,
  rate,
  title,
}: {
  curve: readonly WhatIfPoint[];
  metric: 'latency' | 'throughput';
  rate: number;
  title: string;
}) {
  const g = chartGeometry(curve, metric, rate, SIZE);
  const { left, top } = SIZE.margin;
  return (
    <figure className="whatif-chart">
      <svg viewBox={`0 0 ${SIZE.width} ${SIZE.height}`} role="img" aria-label={title}>
        <g transform={`translate(${left},${top})`}>
          {g.yTicks.map((t) => (
            <g key={`y${t.label}`} transform={`translate(0,${t.y})`}>
              <line x2={g.innerWidth} stroke="var(--border)" />
              <text x={-6} dy="0.32em" textAnchor="end" className="tick">
                {t.label}
              </text>
            </g>
          ))}
          {g.xTicks.map((t) => (
            <text key={`x${t.label}`} x={t.x} y={g.innerHeight + 16} textAnchor="middle" className="tick">
              {t.label}
            </text>
          ))}
          <text x={g.innerWidth / 2} y={g.innerHeight + 30} textAnchor="middle" className="tick">
            arrival rate (requests/s)
          </text>
          <line
            x1={g.marker}
            x2={g.marker}
            y2={g.innerHeight}
            stroke="var(--fg-muted)"
            strokeDasharray="3 3"
          />
          {g.paths.map((p) => (
            // Sequential is drawn wide and dashed underneath: where both predictions coincide, both stay visible.
            <path
              key={p.key}
              d={p.d}
              fill="none"
              stroke={COLORS[p.key]}
              strokeWidth={p.key === 'sequential' ? 4 : 2}
              strokeDasharray={p.key === 'sequential' ? '7 4' : undefined}
            />
          ))}
        </g>
      </svg>
      <figcaption>
        {title}{' '}
        <span className="legend">
          <span style={{ color: COLORS.sequential }}>■</span> sequential{' '}
          <span style={{ color: COLORS.concurrent }}>■</span> concurrent
        </span>
      </figcaption>
    </figure>
  );
}
