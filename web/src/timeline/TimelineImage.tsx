import { formatCount, type Span, strategyInfo } from '@gatherscope/shared';
import { describeSpan } from './describe';
import { barTop } from './draw';
import { AXIS_HEIGHT, CHAR_PX, HEADER_HEIGHT, labelColumnWidth, panelHeight, ROW_GEOMETRY } from './geometry';
import { MarkerLines, markerLabels } from './PanelPlot';
import { type PanelModel, panelSubtitle } from './panels';
import { legendEntries } from './phases';
import { BarRects } from './SpanBarsSvg';
import { type TimeScale, timeScale } from './scale';
import { barShape } from './segments';
import { TimeAxis } from './TimeAxis';

const PAD = 12;
const TITLE_H = 30;
const LEGEND_ROW_H = 20;
const LEGEND_GAP = 18;

/** Where the image puts its parts, from the panels and its width: pure, so it is tested without a DOM. */
export interface ImageLayout {
  width: number;
  height: number;
  labelWidth: number;
  plotWidth: number;
  scale: TimeScale;
  legend: { x: number; y: number }[];
  /** Top of each panel, then of the axis. */
  panelTops: number[];
  axisTop: number;
}

export function imageLayout(
  panels: readonly PanelModel[],
  domainEndMs: number,
  width: number,
  title: boolean,
): ImageLayout {
  const labelWidth = labelColumnWidth(
    width,
    panels.map((p) => p.label),
    panels.flatMap((p) => p.layout.rows.map((r) => r.label)),
  );
  const plotWidth = Math.max(40, width - labelWidth - PAD * 2);
  let x = PAD;
  let y = PAD + (title ? TITLE_H : 0);
  const legend = legendEntries.map((e) => {
    const w = 18 + e.label.length * CHAR_PX.small + LEGEND_GAP;
    if (x > PAD && x + w > width - PAD) {
      x = PAD;
      y += LEGEND_ROW_H;
    }
    const at = { x, y };
    x += w;
    return at;
  });
  let top = y + LEGEND_ROW_H + 8;
  const panelTops = panels.map((p) => {
    const at = top;
    top += panelHeight(p.layout.rows.length);
    return at;
  });
  return {
    width,
    height: top + AXIS_HEIGHT + PAD,
    labelWidth,
    plotWidth,
    scale: timeScale(domainEndMs, plotWidth),
    legend,
    panelTops,
    axisTop: top,
  };
}

/** What a bar's <title> says in the file: where the app shows a tooltip, a file can only show this. */
export const barTitle = (span: Span): string =>
  `${span.queryId} · ${strategyInfo[span.strategy].label} · trial ${span.trial}\n${describeSpan(span)}`;

/**
 * The timeline as one standalone SVG picture (the SVG and PNG downloads): the same panels, bars,
 * marker lines, marker labels, legend and axis as the interactive timeline, drawn by the same
 * components and geometry, laid out in one <svg> instead of an HTML grid. Colours and fonts come
 * from the app's own stylesheets, embedded in a <style> (a file has no other resources).
 */
export function TimelineImage({
  panels,
  layout,
  theme,
  css,
  title,
  label,
}: {
  panels: readonly PanelModel[];
  layout: ImageLayout;
  theme: 'light' | 'dark';
  css: string;
  title?: string;
  label: string;
}) {
  const { width, height, labelWidth, plotWidth, scale } = layout;
  const plotLeft = PAD + labelWidth;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      data-theme={theme}
      role="img"
      aria-label={label}
    >
      <style>{css}</style>
      <rect width="100%" height="100%" className="tl-img-bg" />
      {title ? (
        <text x={PAD} y={PAD + 18} className="tl-img-heading">
          {title}
        </text>
      ) : null}
      {legendEntries.map((e, i) => {
        const at = layout.legend[i]!;
        return (
          <g key={e.label} transform={`translate(${at.x},${at.y})`}>
            {'swatch' in e ? (
              <rect y={3} width={12} height={10} rx={2} fill={e.swatch} />
            ) : (
              <line x1={6} x2={6} y1={1} y2={15} className={`tl-marker tl-marker-${e.line}`} />
            )}
            <text x={18} y={12} className="tl-img-legend">
              {e.label}
            </text>
          </g>
        );
      })}
      {panels.map((p, i) => {
        const top = layout.panelTops[i]!;
        const rowsH = Math.max(1, p.layout.rows.length) * ROW_GEOMETRY.rowHeight;
        return (
          <g key={p.strategy} className="tl-img-panel" data-strategy={p.strategy}>
            <text x={PAD} y={top + 13} className="tl-img-title">
              {p.label}
            </text>
            <text x={PAD} y={top + 26} className="tl-img-sub">
              {panelSubtitle(p)}
            </text>
            {markerLabels(p.markers, scale, plotWidth).map(({ m, text, place }) => (
              <text
                key={m.kind}
                x={plotLeft + ('left' in place ? place.left : plotWidth - place.right)}
                y={top + (m.kind === 'theory' ? 12 : 25)}
                textAnchor={'left' in place ? 'start' : 'end'}
                className={`tl-img-marker tl-marker-${m.kind}`}
              >
                {text}
              </text>
            ))}
            {p.layout.rows.map((r, row) => (
              <text
                key={r.key}
                x={plotLeft - 8}
                y={top + HEADER_HEIGHT + row * ROW_GEOMETRY.rowHeight + 15}
                textAnchor="end"
                className="tl-img-row"
              >
                {r.label}
              </text>
            ))}
            {/* biome-ignore lint/a11y/useSemanticElements: SVG has no <fieldset>; a labelled group is the SVG way. */}
            <svg
              x={plotLeft}
              y={top + HEADER_HEIGHT}
              width={plotWidth}
              height={rowsH}
              role="group"
              aria-label={`${p.label}: ${formatCount(p.layout.bars.length, 'span')}`}
            >
              {p.layout.bars.map((b) => {
                const shape = barShape(b.span, scale, plotWidth);
                if (!shape) return null;
                return (
                  <g key={b.key} className="tl-bar" data-query={b.span.queryId}>
                    <title>{barTitle(b.span)}</title>
                    <BarRects shape={shape} y={barTop(b.row, ROW_GEOMETRY)} />
                  </g>
                );
              })}
              <MarkerLines markers={p.markers} scale={scale} width={plotWidth} height={rowsH} />
            </svg>
          </g>
        );
      })}
      <g transform={`translate(${plotLeft},${layout.axisTop})`}>
        <TimeAxis scale={scale} width={plotWidth} />
      </g>
    </svg>
  );
}
