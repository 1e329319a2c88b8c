import { type BrushBehavior, brushX, select, type ZoomTransform } from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import type { PanelModel } from './panels';
import { barExtent, type TimeScale } from './scale';
import { transformForRange, visibleRange } from './zoom';

const HEIGHT = 36;

/**
 * An overview of every panel at full extent with a brush over the visible range: drag the brush to
 * pan, resize it to zoom. d3-brush handles the gesture; the bars are React-rendered.
 */
export function Minimap({
  panels,
  base,
  width,
  transform,
  onChange,
}: {
  panels: readonly PanelModel[];
  base: TimeScale;
  width: number;
  transform: ZoomTransform;
  onChange: (t: ZoomTransform) => void;
}) {
  const brushRef = useRef<SVGGElement>(null);
  const brush = useRef<BrushBehavior<unknown> | null>(null);
  const rowsTotal = panels.reduce((n, p) => n + Math.max(1, p.layout.rows.length), 0) || 1;
  const rowH = HEIGHT / rowsTotal;

  useEffect(() => {
    const g = brushRef.current;
    if (!g) return;
    const b = brushX<unknown>()
      .extent([
        [0, 0],
        [width, HEIGHT],
      ])
      .on('brush end', (e: { selection: [number, number] | null; sourceEvent?: Event }) => {
        if (!e.sourceEvent) return;
        if (!e.selection) return onChange(transformForRange(base, 0, Number.POSITIVE_INFINITY));
        onChange(transformForRange(base, base.invert(e.selection[0]), base.invert(e.selection[1])));
      });
    brush.current = b;
    select(g).call(b);
    return () => {
      select(g).on('.brush', null);
    };
  }, [base, width, onChange]);

  useEffect(() => {
    const g = brushRef.current;
    if (!g || !brush.current) return;
    const [a, z] = visibleRange(base, transform);
    select(g).call(brush.current.move, [base(a), base(z)]);
  }, [base, transform]);

  const rects = useMemo(() => {
    let offset = 0;
    return panels.flatMap((p) => {
      const top = offset;
      offset += Math.max(1, p.layout.rows.length);
      return p.layout.bars.map((b) => {
        const e = barExtent(base, b.span.start, b.span.end, 0.5);
        return {
          key: `${p.strategy}/${b.key}`,
          x: e.x,
          w: e.width,
          y: (top + b.row) * rowH,
          failed: Boolean(b.span.error),
        };
      });
    });
  }, [panels, base, rowH]);

  // Built once per data and size, not per zoom frame: React skips an element it has seen before, so
  // moving the brush does not reconcile thousands of rects again.
  const marks = useMemo(
    () => (
      <g>
        {rects.map((r) => (
          <rect
            key={r.key}
            x={r.x}
            y={r.y}
            width={r.w}
            height={Math.max(1, rowH - 0.5)}
            className={r.failed ? 'tl-mini-failed' : 'tl-mini-bar'}
          />
        ))}
      </g>
    ),
    [rects, rowH],
  );

  return (
    <svg
      className="tl-minimap"
      width={width}
      height={HEIGHT}
      role="img"
      aria-label="Overview of the whole run; drag to pan, resize the selection to zoom"
    >
      {marks}
      <g ref={brushRef} />
    </svg>
  );
}
