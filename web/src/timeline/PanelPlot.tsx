import { formatCount, formatMs } from '@gatherscope/shared';
import { CANVAS_THRESHOLD, fitMarkerLabel, HEADER_HEIGHT, ROW_HEIGHT } from './geometry';
import type { Marker } from './markers';
import { type PanelModel, panelSubtitle } from './panels';
import { SpanBarsSvg, type SpanPointer } from './SpanBarsSvg';
import { SpanCanvas } from './SpanCanvas';
import type { TimeScale } from './scale';

/** The plot column of one strategy's panel: header with markers, then its bars on the shared scale. */
export function PanelPlot({
  panel,
  scale,
  width,
  idPrefix,
  onPointer,
  labelIds = false,
}: {
  panel: PanelModel;
  scale: TimeScale;
  width: number;
  /** Unique per timeline: a page may show several. */
  idPrefix: string;
  onPointer: SpanPointer;
  /** Rows per connection: bars carry their query id where it fits. */
  labelIds?: boolean;
}) {
  const rows = panel.layout.rows.length;
  const bodyHeight = Math.max(rows, 1) * ROW_HEIGHT;
  const alpha = panel.trialNumbers.length > 1 ? Math.max(0.15, 1 / Math.sqrt(panel.trialNumbers.length)) : 1;
  const useCanvas = panel.layout.bars.length > CANVAS_THRESHOLD;
  const Bars = useCanvas ? SpanCanvas : SpanBarsSvg;
  const headingId = `${idPrefix}-${panel.strategy}`;
  return (
    <section className="tl-panel-plot" aria-labelledby={headingId}>
      <div className="tl-panel-header" style={{ height: HEADER_HEIGHT }}>
        {markerLabels(panel.markers, scale, width).map(({ m, full, text, place }) => {
          return (
            <span key={m.kind} className={`tl-marker-label tl-marker-${m.kind}`} style={place} title={full}>
              {text}
            </span>
          );
        })}
      </div>
      <div className="tl-panel-body" style={{ height: bodyHeight }}>
        <Bars
          bars={panel.layout.bars}
          scale={scale}
          width={width}
          rows={rows}
          alpha={alpha}
          label={`${panel.label}: ${formatCount(panel.layout.bars.length, 'span')}${useCanvas ? ` of ${formatCount(panel.trialNumbers.length, 'trial')}` : ''}`}
          onPointer={onPointer}
          labelIds={labelIds}
        />
        <svg className="tl-markers" width={width} height={bodyHeight} aria-hidden="true">
          <MarkerLines markers={panel.markers} scale={scale} width={width} height={bodyHeight} />
        </svg>
      </div>
    </section>
  );
}

/** A panel's marker lines (theory, median, wall time) across its rows: in the timeline and its image. */
export function MarkerLines({
  markers,
  scale,
  width,
  height,
}: {
  markers: readonly Marker[];
  scale: TimeScale;
  width: number;
  height: number;
}) {
  return markers.map((m) => {
    const x = scale(m.ms);
    if (x < 0 || x > width) return null;
    return <line key={m.kind} className={`tl-marker tl-marker-${m.kind}`} x1={x} x2={x} y1={0} y2={height} />;
  });
}

/**
 * The marker labels of a panel's header and where they go; the median line has none (the legend
 * explains it, and two labels side by side would collide).
 */
export function markerLabels(markers: readonly Marker[], scale: TimeScale, width: number) {
  return markers.flatMap((m) => {
    const x = scale(m.ms);
    if (x < 0 || x > width || m.kind === 'median') return [];
    const full = `${m.label} ${formatMs(m.ms)}`;
    return [{ m, full, ...fitMarkerLabel(x, width, full, `${m.kind} ${formatMs(m.ms)}`) }];
  });
}

/** The label column of one panel: strategy name, then the row labels (queries or connections). */
export function PanelLabels({ panel, idPrefix }: { panel: PanelModel; idPrefix: string }) {
  return (
    <div className="tl-panel-labels">
      <div className="tl-panel-title" style={{ height: HEADER_HEIGHT }}>
        <h3 id={`${idPrefix}-${panel.strategy}`} title={panel.label}>
          {panel.label}
          <span className="visually-hidden"> timeline</span>
        </h3>
        <span className="tl-panel-sub">{panelSubtitle(panel)}</span>
      </div>
      <ul className="tl-row-labels" aria-label={`${panel.label} rows`}>
        {panel.layout.rows.map((r) => (
          <li key={r.key} style={{ height: ROW_HEIGHT }} title={r.label}>
            {r.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
