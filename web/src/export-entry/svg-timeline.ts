import { formatMs, type Span, type StrategyName, strategyInfo } from '@gatherscope/shared';
import { scaleLinear } from 'd3';
import { layoutPanel } from '../timeline/layout';
import { type Marker, panelMarkers } from '../timeline/markers';
import { ERROR_COLOR, phaseStyle } from '../timeline/phases';
import { sharedDomainEnd, type TimeScale, timeTicks } from '../timeline/scale';
import { chooseTrials, trialWallMs } from '../timeline/trials';
import type { RowMode, TimelineRun, TrialChoice } from '../timeline/types';
import { esc } from './escape';
import { type ExportTheme, type Palette, palettes, resolveColor } from './palette';
import { spanTipLines } from './span-tip';
import { barPalette, svgBarRects } from './svg-bars';

export interface SvgTimelineOptions {
  width: number;
  theme: ExportTheme;
  rowMode?: RowMode;
  /** Visible time range in ms (zoom); defaults to the whole shared domain. */
  range?: [number, number];
  /** A heading above the legend (files leave the page that named the run). */
  title?: string;
  /** Which trial each panel shows, as on the Profile page; the median one by default. */
  choice?: TrialChoice;
}

export interface SvgTimeline {
  svg: string;
  width: number;
  height: number;
  /** The full shared domain end (ms), for zoom limits. */
  domainEndMs: number;
  /** Tooltip lines per bar, indexed by the bar's `data-tip` attribute. */
  tips: string[][];
  /** The trial each strategy's panel shows, when it shows exactly one. */
  shownTrials: Map<StrategyName, number>;
}

const LABEL_W = 120;
const RIGHT = 16;
/** Where the plot starts and how much room is left after it: the viewer maps pointer positions with them. */
export const PLOT_LEFT = LABEL_W;
export const PLOT_RIGHT = RIGHT;
const ROW_H = 18;
const BAR_GEOMETRY = { rowHeight: ROW_H, barHeight: ROW_H - 6 };
const HEADER_H = 24;
const PANEL_GAP = 14;
const AXIS_H = 28;
const LEGEND_ROW_H = 20;
const TITLE_H = 30;
const LEGEND_ITEM_W = 150;

const legendRows = (plotW: number) =>
  Math.ceil((Object.keys(phaseStyle).length + 4) / Math.max(1, Math.floor(plotW / LEGEND_ITEM_W)));

/** A time axis under a plot `plotW` wide at (`left`, `top`): a rule and a labelled tick every ~90 px. */
export function svgTimeAxis(
  scale: TimeScale,
  plotW: number,
  left: number,
  top: number,
  pal: Palette,
  className?: string,
): string {
  const parts = [
    `<g${className ? ` class="${className}"` : ''} transform="translate(${left},${top})">`,
    `<line x1="0" x2="${plotW}" y1="0" y2="0" stroke="${pal.border}"/>`,
  ];
  for (const t of timeTicks(scale, Math.max(2, Math.floor(plotW / 90)))) {
    const tx = scale(t.value).toFixed(2);
    parts.push(
      `<line x1="${tx}" x2="${tx}" y1="0" y2="5" stroke="${pal.muted}"/><text x="${tx}" y="18" text-anchor="middle" font-size="11" fill="${pal.muted}">${esc(t.label)}</text>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

/** How a marker's line is drawn, in the panels and in the legend. */
function markerStroke(kind: Marker['kind'], theme: ExportTheme): { color: string; dash: string } {
  if (kind === 'theory') return { color: resolveColor('var(--c-orange)', theme), dash: '4 3' };
  if (kind === 'median') return { color: palettes[theme].accent, dash: '1 2' };
  return { color: palettes[theme].fg, dash: '0' };
}

/** Phases, failure and the three markers, wrapped to the plot's width. */
function legendItems(theme: ExportTheme, plotW: number, top: number): string {
  const pal = palettes[theme];
  const swatch = (color: string) => (x: number, y: number) =>
    `<rect x="${x}" y="${y}" width="12" height="12" fill="${color}"/>`;
  const line = (kind: Marker['kind']) => (x: number, y: number) => {
    const { color, dash } = markerStroke(kind, theme);
    return `<line x1="${x + 6}" x2="${x + 6}" y1="${y - 1}" y2="${y + 13}" stroke="${color}" stroke-width="1.5" stroke-dasharray="${dash}"/>`;
  };
  const items: [string, (x: number, y: number) => string][] = [
    ...Object.values(phaseStyle).map((p): [string, (x: number, y: number) => string] => [
      p.label,
      swatch(resolveColor(p.color, theme)),
    ]),
    ['failed', swatch(resolveColor(ERROR_COLOR, theme))],
    ['theoretical time', line('theory')],
    ['median wall time', line('median')],
    ['wall time of the trial', line('wall')],
  ];
  const perRow = Math.max(1, Math.floor(plotW / LEGEND_ITEM_W));
  return items
    .map(([label, mark], i) => {
      const x = LABEL_W + (i % perRow) * LEGEND_ITEM_W;
      const y = top + 6 + Math.floor(i / perRow) * LEGEND_ROW_H;
      return `${mark(x, y)}<text x="${x + 16}" y="${y + 10}" font-size="11" fill="${pal.fg}">${esc(label)}</text>`;
    })
    .join('');
}

export interface Panel {
  strategy: StrategyName;
  spans: Span[];
  /** The heading's words after the strategy, e.g. "median trial #3, wall 101 ms". */
  caption: string;
  /** Wall time of the one trial shown; undefined when none or several are overlaid. */
  wallMs: number | undefined;
  /** Numbers of the trials shown. */
  trials: number[];
}

function caption(choice: TrialChoice, shown: readonly { trial: number; wallMs: number }[]): string {
  const one = shown.length === 1 ? shown[0] : undefined;
  if (one) {
    const which = one.trial < 0 ? 'warm-up trial' : choice.kind === 'median' ? 'median trial' : 'trial';
    return `${which} #${one.trial}, wall ${formatMs(one.wallMs)}`;
  }
  if (shown.length > 1) return `${shown.length} trials overlaid`;
  return choice.kind === 'trial' ? `no trial #${choice.trial}` : 'no measured trial';
}

/** The trials each strategy's panel shows for a choice, picked as the app's timelines pick them. */
export function panelsOf(run: TimelineRun, choice: TrialChoice = { kind: 'median' }): Panel[] {
  return run.settings.strategies.map((strategy) => {
    const shown = chooseTrials(run.trials, strategy, choice).map((t) => ({
      trial: t.trial,
      wallMs: trialWallMs(t),
      spans: t.spans,
    }));
    const one = shown.length === 1 ? shown[0] : undefined;
    return {
      strategy,
      spans: shown.flatMap((t) => t.spans),
      caption: caption(choice, shown),
      wallMs: one?.wallMs,
      trials: shown.map((t) => t.trial),
    };
  });
}

/**
 * The execution timelines of a run as one SVG document: a panel per strategy on a shared time axis,
 * a row per query, bars split into phases, markers for theory and wall time. Pure: the same string
 * becomes the SVG download, the PNG (through a canvas) and the drawing of the HTML export.
 */
export function svgTimeline(run: TimelineRun, opts: SvgTimelineOptions): SvgTimeline {
  const pal = palettes[opts.theme];
  const colors = barPalette(opts.theme);
  const panels = panelsOf(run, opts.choice);
  const layouts = panels.map((p) => layoutPanel(p.spans, run.workload, opts.rowMode ?? 'query'));
  const stats = new Map(run.summary?.strategies.map((s) => [s.strategy, s]) ?? []);
  const markers = panels.map((p) =>
    panelMarkers(p.strategy, run.summary?.theory, stats.get(p.strategy), p.wallMs),
  );
  const domainEndMs = sharedDomainEnd([
    ...layouts.map((l) => l.endMs),
    ...markers.flatMap((m) => m.map((x) => x.ms)),
  ]);
  const [r0, r1] = opts.range ?? [0, domainEndMs];
  const plotW = Math.max(40, opts.width - LABEL_W - RIGHT);
  const x: TimeScale = scaleLinear()
    .domain([r0, Math.max(r1, r0 + 1e-6)])
    .range([0, plotW]);
  const tips: string[][] = [];
  const parts: string[] = [];
  const titleH = opts.title ? TITLE_H : 0;
  let y = titleH + legendRows(plotW) * LEGEND_ROW_H + 6;

  panels.forEach((panel, i) => {
    const layout = layouts[i]!;
    const top = y;
    const rowsH = Math.max(1, layout.rows.length) * ROW_H;
    const title = `${strategyInfo[panel.strategy].label} — ${panel.caption}`;
    parts.push(
      `<g class="gs-panel" data-strategy="${esc(panel.strategy)}" transform="translate(0,${top})">`,
      `<text x="4" y="15" font-weight="600" fill="${pal.fg}">${esc(title)}</text>`,
      `<rect x="${LABEL_W}" y="${HEADER_H}" width="${plotW}" height="${rowsH}" fill="${pal.bgAlt}"/>`,
    );
    layout.rows.forEach((row, r) => {
      parts.push(
        `<text x="${LABEL_W - 6}" y="${HEADER_H + r * ROW_H + 13}" text-anchor="end" fill="${pal.muted}" font-size="11">${esc(row.label)}</text>`,
      );
    });
    parts.push(`<g clip-path="url(#gs-clip-${i})" transform="translate(${LABEL_W},${HEADER_H})">`);
    parts.push(
      `<clipPath id="gs-clip-${i}"><rect x="0" y="0" width="${plotW}" height="${rowsH}"/></clipPath>`,
    );
    for (const bar of layout.bars) {
      const rects = svgBarRects(bar, x, plotW, BAR_GEOMETRY, colors);
      if (!rects) continue;
      const lines = spanTipLines(bar.span, run.workload);
      const tip = tips.push(lines) - 1;
      parts.push(
        `<g class="gs-span" tabindex="0" role="img" data-tip="${tip}" aria-label="${esc(lines.slice(0, 2).join(', '))}">`,
        `<title>${esc(lines.join('\n'))}</title>`,
        rects,
        '</g>',
      );
    }
    for (const m of markers[i]!) {
      if (m.ms < r0 || m.ms > r1) continue;
      const mx = x(m.ms).toFixed(2);
      const { color, dash } = markerStroke(m.kind, opts.theme);
      parts.push(
        `<line x1="${mx}" x2="${mx}" y1="0" y2="${rowsH}" stroke="${color}" stroke-dasharray="${dash}" stroke-width="1.5"><title>${esc(`${m.label} ${formatMs(m.ms)}`)}</title></line>`,
      );
    }
    parts.push('</g></g>');
    y = top + HEADER_H + rowsH + PANEL_GAP;
  });

  parts.push(svgTimeAxis(x, plotW, LABEL_W, y, pal, 'gs-axis'));
  const height = y + AXIS_H;

  const heading = opts.title
    ? `<text x="4" y="20" font-size="15" font-weight="700" fill="${pal.fg}">${esc(opts.title)}</text>`
    : '';
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${opts.width}" height="${height}" viewBox="0 0 ${opts.width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12" role="img" aria-label="${esc(`Execution timelines of ${run.workload.name}`)}">`,
    `<rect width="100%" height="100%" fill="${pal.bg}"/>`,
    heading,
    legendItems(opts.theme, plotW, titleH),
    ...parts,
    '</svg>',
  ].join('');
  const shownTrials = new Map(
    panels.flatMap((p) => (p.trials.length === 1 ? [[p.strategy, p.trials[0]!] as const] : [])),
  );
  return { svg, width: opts.width, height, domainEndMs, tips, shownTrials };
}
