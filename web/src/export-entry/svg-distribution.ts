import { formatMs, type StrategyName, strategyInfo } from '@gatherscope/shared';
import { distributionRows, dotPlot, NO_TRIAL_TEXT } from '../timeline/distribution';
import { shortLabel } from '../timeline/panels';
import { sharedDomainEnd, timeScale } from '../timeline/scale';
import type { TimelineRun } from '../timeline/types';
import { esc } from './escape';
import { type ExportTheme, palettes, resolveColor } from './palette';
import { svgTimeAxis } from './svg-timeline';

export interface DistributionOptions {
  width: number;
  theme: ExportTheme;
  /** The trial each strategy's timeline shows, ringed in the plot. */
  shown?: ReadonlyMap<StrategyName, number>;
  /** Trials whose spans the file holds; the others are drawn hollow. All of them when omitted. */
  inFile?: ReadonlySet<number>;
}

const LABEL_W = 120;
const RIGHT = 16;
const R = 3;
const AXIS_H = 24;
/** Tallest row: past it stacked dots overlap, so 500 trials of one strategy stay a strip, not a tower. */
export const MAX_ROW_H = 80;

/**
 * A dot plot per strategy of every successful measured trial's wall time on one shared axis, the app's
 * TrialDistribution as one SVG string: binned dots stack up, a dashed line marks the median, the
 * trial the timelines show is ringed, and trials whose spans the file does not hold are hollow.
 */
export function svgDistribution(run: TimelineRun, opts: DistributionOptions): string {
  const pal = palettes[opts.theme];
  const rows = distributionRows(run);
  const plotW = Math.max(40, opts.width - LABEL_W - RIGHT);
  const scale = timeScale(sharedDomainEnd(rows.flatMap((r) => r.trials.map((t) => t.wallMs))), plotW);
  const dotColor = resolveColor('var(--c-blue)', opts.theme);
  const parts: string[] = [];
  let y = 4;
  for (const row of rows) {
    const dots = dotPlot(
      row.trials.map((t) => t.wallMs),
      scale,
      R * 2,
    );
    const top = Math.max(0, ...dots.map((d) => d.stack));
    const step = top > 0 ? Math.min(R * 2, (MAX_ROW_H - R * 2 - 6) / top) : R * 2;
    const h = Math.max(24, top * step + R * 2 + 6);
    // dotPlot keeps values, not trials: hand each value's trials out in trial order.
    const byValue = new Map<number, number[]>();
    for (const t of row.trials) byValue.set(t.wallMs, [...(byValue.get(t.wallMs) ?? []), t.trial]);
    const shown = opts.shown?.get(row.strategy);
    const label = `${strategyInfo[row.strategy].label}: ${
      row.trials.length === 0
        ? NO_TRIAL_TEXT
        : `${row.trials.length} trials${row.medianMs !== undefined ? `, median ${formatMs(row.medianMs)}` : ''}`
    }`;
    parts.push(
      `<g class="gs-dist-row" data-strategy="${esc(row.strategy)}" transform="translate(0,${y})" role="img" aria-label="${esc(label)}">`,
      `<text x="${LABEL_W - 6}" y="${h - 4}" text-anchor="end" font-size="11" fill="${pal.fg}">${esc(shortLabel(row.strategy))}</text>`,
      `<g transform="translate(${LABEL_W},0)">`,
    );
    // The app's empty row says it too: a blank strip would read as "not run".
    if (row.trials.length === 0)
      parts.push(`<text x="4" y="${h - 8}" font-size="11" fill="${pal.muted}">${NO_TRIAL_TEXT}</text>`);
    if (row.medianMs !== undefined) {
      const mx = scale(row.medianMs).toFixed(2);
      parts.push(
        `<line x1="${mx}" x2="${mx}" y1="0" y2="${h}" stroke="${pal.muted}" stroke-dasharray="2 2"><title>${esc(`median wall ${formatMs(row.medianMs)}`)}</title></line>`,
      );
    }
    // The ringed dot goes last, so the dots stacked around it do not hide it.
    let ringed = '';
    for (const d of dots) {
      const trial = byValue.get(d.value)?.shift();
      const cy = (h - R - 2 - d.stack * step).toFixed(2);
      const cx = d.x.toFixed(2);
      const held = trial === undefined || !opts.inFile || opts.inFile.has(trial);
      if (trial !== undefined && trial === shown) {
        const title = `trial #${trial}: ${formatMs(d.value)} (shown above)`;
        ringed = `<circle class="gs-dot gs-dot-shown" cx="${cx}" cy="${cy}" r="${R + 1.5}" fill="${pal.accent}" stroke="${pal.fg}" stroke-width="1.5"><title>${esc(title)}</title></circle>`;
        continue;
      }
      const title = `trial #${trial ?? '?'}: ${formatMs(d.value)}${held ? '' : ' (its spans are not in this file)'}`;
      parts.push(
        held
          ? `<circle class="gs-dot" cx="${cx}" cy="${cy}" r="${R}" fill="${dotColor}" fill-opacity="0.75"><title>${esc(title)}</title></circle>`
          : `<circle class="gs-dot gs-dot-out" cx="${cx}" cy="${cy}" r="${R - 0.5}" fill="none" stroke="${dotColor}" stroke-width="1"><title>${esc(title)}</title></circle>`,
      );
    }
    parts.push(ringed);
    parts.push('</g></g>');
    y += Math.ceil(h) + 4;
  }
  parts.push(svgTimeAxis(scale, plotW, LABEL_W, y, pal));
  const height = y + AXIS_H;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${opts.width}" height="${height}" viewBox="0 0 ${opts.width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12" role="group" aria-label="Wall time of every successful trial">`,
    ...parts,
    '</svg>',
  ].join('');
}
