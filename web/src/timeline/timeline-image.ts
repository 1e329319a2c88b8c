import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import appCss from '../styles.css?inline';
import { buildPanels } from './panels';
import { imageLayout, TimelineImage } from './TimelineImage';
import timelineCss from './timeline.css?inline';
import type { RowMode, TimelineRun, TrialChoice } from './types';

export interface TimelineImageOptions {
  width: number;
  theme: 'light' | 'dark';
  /** A heading above the legend: a file leaves the page that named the run. */
  title?: string;
  /** Which trial each panel shows, as on the page; the median one by default. */
  choice?: TrialChoice;
  rowMode?: RowMode;
}

/** The app's colour and font variables (the `:root` blocks of styles.css): one palette for page and file. */
const themeVariables = (appCss.match(/:root(\[data-theme="dark"\])?\s*\{[^}]*\}/g) ?? []).join('\n');

/** Text of the picture: SVG has no HTML defaults, so fonts and fills are named here. */
const imageCss = `
svg { font-family: var(--font); font-size: 12px; }
.tl-img-bg { fill: var(--bg-raised); }
.tl-img-heading { font-size: 15px; font-weight: 700; fill: var(--fg); }
.tl-img-legend { font-size: 11px; fill: var(--fg-muted); }
.tl-img-title { font-size: 13px; font-weight: 600; fill: var(--fg); }
.tl-img-sub { font-size: 11.5px; fill: var(--fg-muted); }
.tl-img-row { font-family: var(--mono); font-size: 12px; fill: var(--fg); }
.tl-img-marker { font-size: 11px; fill: var(--fg-muted); stroke: none; stroke-dasharray: none; }
.tl-img-marker.tl-marker-theory { fill: var(--text-vermillion); }
.tl-img-marker.tl-marker-wall { fill: var(--fg); font-weight: 600; }
`;

/**
 * The execution timelines of a run as a standalone SVG document, for the SVG and PNG downloads:
 * the timeline's own components rendered to a string (see TimelineImage).
 */
export function timelineImage(
  run: TimelineRun & { workload: { name: string } },
  opts: TimelineImageOptions,
): { svg: string; width: number; height: number } {
  const { panels, domainEndMs } = buildPanels(
    run,
    opts.rowMode ?? 'query',
    opts.choice ?? { kind: 'median' },
  );
  const layout = imageLayout(panels, domainEndMs, opts.width, opts.title !== undefined);
  const svg = renderToStaticMarkup(
    createElement(TimelineImage, {
      panels,
      layout,
      theme: opts.theme,
      css: `${themeVariables}\n${timelineCss}\n${imageCss}`,
      label: `Execution timelines of ${run.workload.name}`,
      ...(opts.title !== undefined ? { title: opts.title } : {}),
    }),
  );
  return { svg, width: layout.width, height: layout.height };
}
