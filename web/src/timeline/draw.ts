import { barExtent, type TimeScale } from './scale';
import { barShape, type Palette } from './segments';
import type { SpanBar } from './types';

export interface RowGeometry {
  rowHeight: number;
  barHeight: number;
}

/** The part of a canvas context the drawing uses: a recording fake stands in for it in tests. */
export type Canvas2D = Pick<CanvasRenderingContext2D, 'fillRect' | 'clearRect'> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
  globalAlpha: number;
};

/** Top of a bar on its row: the SVG bars, the canvas and its hit test all place bars with it. */
export function barTop(row: number, g: RowGeometry): number {
  return row * g.rowHeight + (g.rowHeight - g.barHeight) / 2;
}

/**
 * Draws bars split into their segments (`barShape`, the rule the SVG bars and the exports share). A
 * pure function of (bars, scale, size): the canvas layer used where thousands of SVG elements would
 * make pan and zoom stutter. Bars outside [0, width] are skipped.
 */
export function drawBars(
  ctx: Canvas2D,
  bars: readonly SpanBar[],
  scale: TimeScale,
  size: { width: number; height: number },
  g: RowGeometry,
  palette: Palette,
  alpha = 1,
): number {
  ctx.clearRect(0, 0, size.width, size.height);
  ctx.globalAlpha = alpha;
  let drawn = 0;
  for (const b of bars) {
    const shape = barShape(b.span, scale, size.width);
    if (!shape) continue;
    const y = barTop(b.row, g);
    drawn++;
    for (const seg of shape.segments) {
      ctx.fillStyle = palette[seg.kind];
      ctx.fillRect(seg.x, y, seg.width, g.barHeight);
    }
  }
  ctx.globalAlpha = 1;
  return drawn;
}

/** The bar under a point (the last drawn wins, as on screen), or undefined. */
export function hitTest(
  bars: readonly SpanBar[],
  scale: TimeScale,
  g: RowGeometry,
  px: number,
  py: number,
): SpanBar | undefined {
  const row = Math.floor(py / g.rowHeight);
  for (let i = bars.length - 1; i >= 0; i--) {
    const b = bars[i]!;
    if (b.row !== row) continue;
    const { x, width } = barExtent(scale, b.span.start, b.span.end, 3);
    const y = barTop(b.row, g);
    if (px >= x && px <= x + width && py >= y && py <= y + g.barHeight) return b;
  }
  return undefined;
}
