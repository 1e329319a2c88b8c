/** Sizes shared by the label column and the plot column, so both stay aligned row by row. */
export const LABEL_WIDTH = 150;
export const HEADER_HEIGHT = 30;
export const ROW_HEIGHT = 22;
export const BAR_HEIGHT = 14;
export const AXIS_HEIGHT = 26;
/** Row and bar height as the drawing functions take them (see draw.ts). */
export const ROW_GEOMETRY = { rowHeight: ROW_HEIGHT, barHeight: BAR_HEIGHT };
/** Above this many bars in one panel, bars are drawn on a canvas instead of as SVG elements. */
export const CANVAS_THRESHOLD = 400;
/** Deepest zoom, a 2000th of the run: the app's timeline and the HTML export's. */
export const MAX_ZOOM = 2000;

export function panelHeight(rows: number): number {
  return HEADER_HEIGHT + Math.max(rows, 1) * ROW_HEIGHT + 8;
}
