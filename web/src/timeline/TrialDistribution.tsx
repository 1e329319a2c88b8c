import { formatMs, strategyInfo } from '@gatherscope/shared';
import { useMemo, useRef } from 'react';
import { distributionRows, dotPlot, emptyRowText } from './distribution';
import { labelColumnWidth } from './geometry';
import { shortLabel } from './panels';
import { sharedDomainEnd, timeScale } from './scale';
import { TimeAxis } from './TimeAxis';
import type { TimelineRun } from './types';
import { useElementWidth } from './useElementWidth';

const R = 3;

/** Wall times of every successful measured trial, one dot row per strategy, on one shared axis. */
export function TrialDistribution({ run, live = false }: { run: TimelineRun; live?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLElement>(null);
  const width = useElementWidth(ref);
  const outerWidth = useElementWidth(rootRef);
  const rows = useMemo(() => distributionRows(run), [run]);
  const scale = useMemo(
    () => timeScale(sharedDomainEnd(rows.flatMap((r) => r.trials.map((t) => t.wallMs))), width),
    [rows, width],
  );
  return (
    <figure className="tl-dist" ref={rootRef}>
      <figcaption>Wall time of every successful trial</figcaption>
      <div
        className="tl-dist-grid"
        style={{
          gridTemplateColumns: `${labelColumnWidth(
            outerWidth,
            rows.map((r) => shortLabel(r.strategy)),
            [],
          )}px minmax(0, 1fr)`,
        }}
      >
        {rows.map((r) => {
          const dots = dotPlot(
            r.trials.map((t) => t.wallMs),
            scale,
            R * 2,
          );
          const h = Math.max(24, (Math.max(0, ...dots.map((d) => d.stack)) + 1) * R * 2 + 6);
          return (
            <div key={r.strategy} className="tl-dist-row">
              <div className="tl-dist-label" title={shortLabel(r.strategy)}>
                {shortLabel(r.strategy)}
              </div>
              {r.trials.length === 0 ? (
                <p className="tl-dist-empty muted">{emptyRowText(r, live)}</p>
              ) : (
                <svg
                  width={width}
                  height={h}
                  role="img"
                  aria-label={`${strategyInfo[r.strategy].label}: ${r.trials.length} trials${r.medianMs !== undefined ? `, median ${formatMs(r.medianMs)}` : ''}`}
                >
                  {r.medianMs !== undefined ? (
                    <line
                      className="tl-marker tl-marker-median"
                      x1={scale(r.medianMs)}
                      x2={scale(r.medianMs)}
                      y1={0}
                      y2={h}
                    />
                  ) : null}
                  {dots.map((d, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: dots are recomputed as a whole.
                    <circle key={i} cx={d.x} cy={h - R - 2 - d.stack * R * 2} r={R} className="tl-dot">
                      <title>{formatMs(d.value)}</title>
                    </circle>
                  ))}
                </svg>
              )}
            </div>
          );
        })}
        <div />
        {/* Without a dot the scale is a placeholder (0–1 ms): measure the width, draw no axis. */}
        <div ref={ref}>
          {rows.some((r) => r.trials.length > 0) ? <TimeAxis scale={scale} width={width} /> : null}
        </div>
      </div>
    </figure>
  );
}
