import { type PhaseName, phaseNames, type Span } from '@gatherscope/shared';
import { ERROR_COLOR, phaseStyle } from './phases';
import { barExtent, type TimeScale } from './scale';

/** What one coloured piece of a bar stands for: a phase of the span, or the whole failed span. */
export type SegmentKind = PhaseName | 'error';

/** A colour per segment kind: CSS variables in the app's SVG, resolved colours on a canvas or in a file. */
export type Palette = Record<SegmentKind, string>;

/** The app's colours as CSS variables; the canvas and the exports resolve them, the SVG uses them as they are. */
export const CSS_PALETTE: Palette = {
  ...(Object.fromEntries(phaseNames.map((p) => [p, phaseStyle[p].color])) as Record<PhaseName, string>),
  error: ERROR_COLOR,
};

/** The same palette with each colour passed through `resolve` (a CSS variable to a concrete colour). */
export function resolvePalette(resolve: (cssColor: string) => string): Palette {
  const out = { ...CSS_PALETTE };
  for (const k of Object.keys(out) as SegmentKind[]) out[k] = resolve(CSS_PALETTE[k]);
  return out;
}

export interface BarSegment {
  kind: SegmentKind;
  x: number;
  width: number;
}

/** A bar's extent in pixels (at least 1 px wide) and its coloured segments, left to right. */
export interface BarShape {
  x: number;
  width: number;
  segments: BarSegment[];
}

/**
 * The one rule that turns a span into coloured segments, shared by the SVG bars, the canvas and the
 * SVG/PNG/HTML exports so that they cannot drift apart (they once did: the exports painted the
 * whole span grey under its phases). A failed span is one red segment over its whole extent, since
 * its phases stop where the error cut them and the failure is what the reader must see; a span
 * without phases is one executing segment; otherwise each phase, at least half a pixel wide so a
 * 0.05 ms connect still shows. Null when the bar lies wholly outside [0, plotWidth].
 */
export function barShape(span: Span, scale: TimeScale, plotWidth: number): BarShape | null {
  const { x, width } = barExtent(scale, span.start, span.end);
  if (x > plotWidth || x + width < 0) return null;
  if (span.error || span.phases.length === 0) {
    return { x, width, segments: [{ kind: span.error ? 'error' : 'executing', x, width }] };
  }
  const segments = span.phases.map((p) => ({ kind: p.phase, ...barExtent(scale, p.start, p.end, 0.5) }));
  return { x, width, segments };
}
