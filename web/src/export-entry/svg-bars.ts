import { barTop, type RowGeometry } from '../timeline/draw';
import type { TimeScale } from '../timeline/scale';
import { type Palette as BarPalette, barShape, resolvePalette } from '../timeline/segments';
import type { SpanBar } from '../timeline/types';
import { type ExportTheme, resolveColor } from './palette';

/** The app's bar colours with the CSS variables resolved, for files that leave the app. */
export function barPalette(theme: ExportTheme): BarPalette {
  return resolvePalette((color) => resolveColor(color, theme));
}

/**
 * The `<rect>`s of one bar, from the app's own `barShape` (the rule its SVG bars and canvas draw
 * with). The exports once had their own rule (the whole span in the border colour, phases on top)
 * and showed grey where the app shows nothing; with one rule they cannot drift apart again. Empty
 * when the bar is outside the plot.
 */
export function svgBarRects(
  bar: SpanBar,
  scale: TimeScale,
  plotWidth: number,
  g: RowGeometry,
  palette: BarPalette,
): string {
  const shape = barShape(bar.span, scale, plotWidth);
  if (!shape) return '';
  const y = barTop(bar.row, g);
  return shape.segments
    .map(
      (s) =>
        `<rect x="${s.x.toFixed(2)}" y="${y}" width="${s.width.toFixed(2)}" height="${g.barHeight}" fill="${palette[s.kind]}"/>`,
    )
    .join('');
}
