/** Sizes shared by the label column and the plot column, so both stay aligned row by row. */
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

/**
 * Average advance of one character, px, by the fonts of timeline.css: panel titles (13px bold
 * system font), row labels (12px monospace), marker and error labels (11px), measured in Chromium with DejaVu Sans: an estimate that
 * errs wide: text measured in the DOM would tie the layout to a rendered page.
 */
export const CHAR_PX = { title: 9, row: 7.4, small: 6.4 } as const;
// The column's left padding (0.6rem) and the row labels' right padding (0.5rem), with a little to spare.
const LABEL_PADDING = 20;
const LABEL_MIN = 64;
const LABEL_MAX = 220;
/** The label column never takes more than this share of the timeline (an iframe of 420 px). */
const LABEL_SHARE = 0.28;

/**
 * Width of the label column: wide enough for the longest panel title and row label, within
 * [64, 220] px and at most 28% of the timeline's width, so a narrow embed keeps room to plot.
 * Labels that still do not fit are cut with an ellipsis and carry their full text as a title.
 */
export function labelColumnWidth(
  timelinePx: number,
  titles: readonly string[],
  rows: readonly string[],
): number {
  const need =
    Math.max(0, ...titles.map((t) => t.length * CHAR_PX.title), ...rows.map((r) => r.length * CHAR_PX.row)) +
    LABEL_PADDING;
  const cap = timelinePx > 0 ? Math.max(LABEL_MIN, timelinePx * LABEL_SHARE) : LABEL_MAX;
  return Math.floor(Math.max(LABEL_MIN, Math.min(need, LABEL_MAX, cap)));
}

/** Text cut to at most `maxChars` characters, the last one an ellipsis when it was cut. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return maxChars < 1 ? '' : `${text.slice(0, maxChars - 1)}…`;
}

/**
 * Where a marker's label goes in a header `width` px wide: right of its line, or left of it when
 * that side has not the room; either way clamped inside the plot.
 */
export function markerLabelPlacement(
  x: number,
  width: number,
  text: string,
): { left: number } | { right: number } {
  const w = text.length * CHAR_PX.small + 6;
  if (fitsRight(x, width, w)) return { left: Math.max(MARKER_EDGE, x + 3) };
  if (fitsLeft(x, w)) return { right: width - x + 3 };
  // Wider than either side: pinned to the edge with more room, still inside the plot.
  return x > width / 2 ? { right: 0 } : { left: MARKER_EDGE };
}

/**
 * Space kept between a marker label and the plot's left edge, where the panel's title ends: in a
 * narrow embed a label pinned at 0 ran into a cut title ("Dependenc…theory: critical path").
 */
const MARKER_EDGE = 8;
const fitsRight = (x: number, width: number, w: number) => Math.max(MARKER_EDGE, x + 3) + w <= width;
const fitsLeft = (x: number, w: number) => x - 3 - w >= MARKER_EDGE;

/**
 * A marker's label and its place: the full text ("theory: critical path 103 ms") where it fits
 * on one side of its line, else the short one ("theory 103 ms"), so a narrow plot keeps the time.
 */
export function fitMarkerLabel(
  x: number,
  width: number,
  full: string,
  short: string,
): { text: string; place: { left: number } | { right: number } } {
  const w = full.length * CHAR_PX.small + 6;
  const text = fitsRight(x, width, w) || fitsLeft(x, w) ? full : short;
  return { text, place: markerLabelPlacement(x, width, text) };
}

/**
 * Where a failed bar's error message goes: after the bar, or before it when that side has more
 * room, cut with an ellipsis to what fits inside the plot and between the bar's neighbours on its
 * row (`bounds`: the end of the bar before it, the start of the one after it). The bar's
 * accessible label and tooltip keep the whole message.
 */
export function errorLabel(
  barX: number,
  barWidth: number,
  plotWidth: number,
  message: string,
  bounds: { left: number; right: number } = { left: 0, right: plotWidth },
): { x: number; anchor: 'start' | 'end'; text: string } | null {
  const after = Math.max(0, barX + barWidth + 5);
  const before = Math.min(plotWidth, barX - 5);
  const roomAfter = Math.min(plotWidth, bounds.right - 4) - after;
  const roomBefore = before - Math.max(0, bounds.left + 4);
  const useAfter = roomAfter >= roomBefore || roomAfter >= message.length * CHAR_PX.small;
  const room = useAfter ? roomAfter : roomBefore;
  const text = truncate(message, Math.floor(room / CHAR_PX.small));
  if (text.length < 4) return null;
  return useAfter ? { x: after, anchor: 'start', text } : { x: before, anchor: 'end', text };
}

/**
 * For each bar, the free stretch of its row around it: where the bar before it ends and the bar
 * after it starts (px). Rows per connection hold several bars, and a label must not run over them.
 */
export function rowNeighbours(
  bars: readonly { key: string; row: number; x: number; width: number }[],
  plotWidth: number,
): Map<string, { left: number; right: number }> {
  const byRow = new Map<number, (typeof bars)[number][]>();
  for (const b of bars) byRow.set(b.row, [...(byRow.get(b.row) ?? []), b]);
  const out = new Map<string, { left: number; right: number }>();
  for (const row of byRow.values()) {
    const sorted = [...row].sort((a, b) => a.x - b.x);
    sorted.forEach((b, i) => {
      const prev = sorted[i - 1];
      const next = sorted[i + 1];
      out.set(b.key, { left: prev ? prev.x + prev.width : 0, right: next ? next.x : plotWidth });
    });
  }
  return out;
}

/** Where a query id goes inside its bar (x of its start), or null when the visible bar is too narrow. */
export function idLabel(barX: number, barWidth: number, plotWidth: number, id: string): number | null {
  const left = Math.max(0, barX);
  const right = Math.min(plotWidth, barX + barWidth);
  return right - left >= id.length * CHAR_PX.small + 6 ? left + 3 : null;
}

/** Least room between two axis labels, px: about two characters, so neighbours never read as one. */
const AXIS_LABEL_GAP = 12;

export interface AxisLabel {
  value: number;
  x: number;
  label: string;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * The axis ticks and where their labels go: centred on the tick, but held inside the plot at its
 * edges (start-anchored at the left, end-anchored at the right). A label shifted that way can
 * crowd its neighbour ("300 ms 320 ms" under a 326 ms domain reads as one label), so one that would
 * come closer than AXIS_LABEL_GAP to the label before it is left out; its tick line stays.
 */
export function axisLabels(
  ticks: readonly { value: number; label: string }[],
  scale: (v: number) => number,
  width: number,
): AxisLabel[] {
  const out: AxisLabel[] = [];
  let lastRight = Number.NEGATIVE_INFINITY;
  for (const t of ticks) {
    const x = scale(t.value);
    if (x < -1 || x > width + 1) continue;
    const w = t.label.length * CHAR_PX.small;
    const anchor = x < 20 ? 'start' : x > width - 30 ? 'end' : 'middle';
    const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
    const label = left - lastRight >= AXIS_LABEL_GAP ? t.label : '';
    if (label) lastRight = left + w;
    out.push({ value: t.value, x, label, anchor });
  }
  return out;
}
