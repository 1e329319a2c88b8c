import type { PhaseName } from '@gatherscope/shared';
import { type Palette as BarPalette, type Canvas2D, drawBars, type RowGeometry } from '../timeline/draw';
import { ERROR_COLOR, phaseStyle } from '../timeline/phases';
import type { TimeScale } from '../timeline/scale';
import type { SpanBar } from '../timeline/types';
import { type ExportTheme, resolveColor } from './palette';

/** The app's bar colours with the CSS variables resolved, for files that leave the app. */
export function barPalette(theme: ExportTheme): BarPalette {
  const phases = Object.entries(phaseStyle).map(([phase, s]) => [phase, resolveColor(s.color, theme)]);
  return {
    ...(Object.fromEntries(phases) as Record<PhaseName, string>),
    error: resolveColor(ERROR_COLOR, theme),
  };
}

/**
 * The `<rect>`s of one bar, drawn by the app's own `drawBars` into a context that writes SVG
 * instead of pixels. The exports once had their own rule (the whole span in the border colour,
 * phases on top) and showed grey where the app shows nothing; with one drawing function they
 * cannot drift apart again. Empty when the bar is outside the plot.
 */
export function svgBarRects(
  bar: SpanBar,
  scale: TimeScale,
  size: { width: number; height: number },
  g: RowGeometry,
  palette: BarPalette,
): string {
  const rects: string[] = [];
  const ctx: Canvas2D = {
    fillStyle: '',
    globalAlpha: 1,
    // A fresh string per bar: nothing was painted before that would need clearing.
    clearRect: () => {},
    fillRect(x, y, w, h) {
      rects.push(
        `<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${h}" fill="${String(this.fillStyle)}"/>`,
      );
    },
  };
  drawBars(ctx, [bar], scale, size, g, palette);
  return rects.join('');
}
