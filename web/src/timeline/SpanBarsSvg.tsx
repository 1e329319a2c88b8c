import type { Span } from '@gatherscope/shared';
import { useMemo } from 'react';
import { describeSpan } from './describe';
import { barTop } from './draw';
import { BAR_HEIGHT, errorLabel, idLabel, ROW_GEOMETRY, ROW_HEIGHT, rowNeighbours } from './geometry';
import { barExtent, type TimeScale } from './scale';
import { type BarShape, barShape, CSS_PALETTE } from './segments';
import type { SpanBar } from './types';

export type SpanPointer = (span: Span | null, anchor?: DOMRect) => void;

/** What both bar layers (SVG and canvas) draw: one panel's bars on its scale. */
export interface SpanBarsProps {
  bars: readonly SpanBar[];
  scale: TimeScale;
  width: number;
  rows: number;
  alpha: number;
  label: string;
  onPointer: SpanPointer;
  /** Write each bar's query id in it where it fits: rows per connection do not name the queries. */
  labelIds?: boolean;
}

/**
 * Bars as SVG elements: each one focusable with a screen-reader label, split into the segments of
 * `barShape` (what the canvas and the exports draw too). Used while a panel has few enough bars for
 * the DOM to keep up (see CANVAS_THRESHOLD).
 */
export function SpanBarsSvg({ bars, scale, width, rows, alpha, label, onPointer, labelIds }: SpanBarsProps) {
  const height = Math.max(rows, 1) * ROW_HEIGHT;
  const neighbours = useMemo(
    () =>
      rowNeighbours(
        bars.map((b) => ({ key: b.key, row: b.row, ...barExtent(scale, b.span.start, b.span.end) })),
        width,
      ),
    [bars, scale, width],
  );
  const show = (e: { currentTarget: SVGGElement }, s: Span) =>
    onPointer(s, e.currentTarget.getBoundingClientRect());
  return (
    // biome-ignore lint/a11y/useSemanticElements: SVG has no <fieldset>; a labelled group is the SVG way.
    <svg className="tl-bars" width={width} height={height} role="group" aria-label={label}>
      {bars.map((b) => {
        const shape = barShape(b.span, scale, width);
        if (!shape) return null;
        const { x, width: w } = shape;
        const y = barTop(b.row, ROW_GEOMETRY);
        const failed = Boolean(b.span.error);
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG bar cannot be a <button>; it takes focus and Escape itself.
          <g
            key={b.key}
            role="button"
            tabIndex={0}
            aria-label={describeSpan(b.span)}
            className={failed ? 'tl-bar tl-bar-failed' : 'tl-bar'}
            data-query={b.span.queryId}
            opacity={alpha}
            onPointerEnter={(e) => show(e, b.span)}
            onPointerLeave={() => onPointer(null)}
            onFocus={(e) => show(e, b.span)}
            onClick={(e) => show(e, b.span)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') onPointer(null);
            }}
            onBlur={() => onPointer(null)}
          >
            <BarRects shape={shape} y={y} />
            {labelIds && !failed && alpha === 1 ? (
              <IdText x={x} w={w} y={y} width={width} id={b.span.queryId} />
            ) : null}
            {failed && alpha === 1 ? (
              <ErrorText
                x={x}
                w={w}
                y={y}
                width={width}
                message={b.span.error?.message}
                bounds={neighbours.get(b.key)}
              />
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The drawing of one bar: its coloured segments and the outline shown on hover or focus. The
 * timeline and its SVG/PNG image both draw bars with it.
 */
export function BarRects({ shape, y }: { shape: BarShape; y: number }) {
  return (
    <>
      {shape.segments.map((seg, i) => (
        <rect
          // biome-ignore lint/suspicious/noArrayIndexKey: the segments of one span never reorder.
          key={i}
          x={seg.x}
          y={y}
          width={seg.width}
          height={BAR_HEIGHT}
          fill={CSS_PALETTE[seg.kind]}
        />
      ))}
      <rect className="tl-bar-outline" x={shape.x} y={y} width={shape.width} height={BAR_HEIGHT} />
    </>
  );
}

/** A failed bar's message beside it, inside the plot; cut with an ellipsis (whole in the bar's label and tooltip). */
function ErrorText({
  x,
  w,
  y,
  width,
  message = '',
  bounds,
}: {
  x: number;
  w: number;
  y: number;
  width: number;
  message?: string;
  bounds?: { left: number; right: number };
}) {
  const l = errorLabel(x, w, width, message, bounds);
  if (!l) return null;
  return (
    <text className="tl-bar-error" x={l.x} y={y + BAR_HEIGHT - 3} textAnchor={l.anchor}>
      {l.text}
    </text>
  );
}

/** A bar's query id inside it, when the visible part of the bar is wide enough to hold it. */
function IdText({ x, w, y, width, id }: { x: number; w: number; y: number; width: number; id: string }) {
  const at = idLabel(x, w, width, id);
  if (at === null) return null;
  return (
    <text className="tl-bar-id" x={at} y={y + BAR_HEIGHT - 3.5}>
      {id}
    </text>
  );
}
