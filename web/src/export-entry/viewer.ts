import { type HtmlExportContent, HtmlExportSchema, type RunRecord, strategyInfo } from '@gatherscope/shared';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { pageTheme } from '../ui/theme';
import { SummaryView } from '../profile/SummaryView';
import { decodeChoice } from '../timeline/TimelineControls';
import type { RowMode, TrialChoice } from '../timeline/types';
import { esc } from './escape';
import { exportCss } from './export-css';
import type { ExportTheme } from './palette';
import { svgDistribution } from './svg-distribution';
import { PLOT_LEFT, PLOT_RIGHT, type SvgTimeline, svgTimeline } from './svg-timeline';
import { capNote, trialOptions } from './trial-picker';
import { clampRange, panRange, type TimeRange, zoomRange } from './zoom-range';

/** Reads the run embedded in the exported file: parsed with the shared schema like every API answer. */
function readEmbeddedRun(doc: Document): { run: RunRecord; content: HtmlExportContent } {
  const el = doc.getElementById('gatherscope-run');
  const parsed = HtmlExportSchema.safeParse(JSON.parse(el?.textContent ?? 'null'));
  if (!parsed.success)
    throw new Error(`the run in this file is not valid: ${parsed.error.issues[0]?.message}`);
  return { run: parsed.data.run, content: parsed.data.content };
}

/**
 * The page of an exported run, with no network at all: header, statistics, the timelines with
 * tooltips (hover and keyboard focus), zoom (wheel, drag to pan, buttons, + and − keys) and a
 * trial picker, and the wall time of every trial per strategy with the shown trial ringed.
 */
export function mountViewer(win: Window, root: HTMLElement): void {
  const doc = win.document;
  const { run, content } = readEmbeddedRun(doc);
  let theme: ExportTheme = pageTheme(win);
  doc.documentElement.dataset.theme = theme;
  const style = doc.createElement('style');
  style.textContent = exportCss;
  doc.head.append(style);
  doc.title = `${run.workload.name} — Gatherscope run`;

  const note = capNote(run, content);
  const inFile = new Set(content.spanTrials);
  const strategies = run.settings.strategies.map((s) => strategyInfo[s].label).join(', ');
  root.innerHTML = [
    '<header class="gs-header">',
    `<h1>${esc(run.workload.name)}</h1>`,
    `<p class="gs-muted">Database <strong>${esc(run.database.name)}</strong> (PostgreSQL ${esc(run.database.serverVersion)}) · ${esc(new Date(run.createdAt).toLocaleString())} · ${esc(strategies)} · ${run.settings.trials} trials, ${run.settings.warmup} warm-up, pool ${run.settings.poolSize}, RTT ${run.settings.rttMs} ms · status ${esc(run.status)}</p>`,
    '</header>',
    run.summary
      ? '<div class="gs-summary"></div>'
      : '<p class="gs-note">This run has no statistics: it did not complete.</p>',
    '<section aria-labelledby="gs-tl-h"><h2 id="gs-tl-h">Execution timelines</h2>',
    '<div class="gs-toolbar" role="toolbar" aria-label="Timeline controls">',
    `<label class="gs-field">Trial <select data-trial>${trialOptions(content)
      .map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`)
      .join('')}</select></label>`,
    '<button type="button" data-zoom="in">Zoom in</button><button type="button" data-zoom="out">Zoom out</button><button type="button" data-zoom="reset">Reset zoom</button>',
    '<button type="button" data-rows aria-pressed="false">Rows per connection</button>',
    '<button type="button" data-theme-toggle>Switch theme</button>',
    '<span class="gs-range gs-muted" aria-live="polite"></span></div>',
    note ? `<p class="gs-note gs-muted">${esc(note)}</p>` : '',
    '<div class="gs-timeline"></div>',
    '<div class="gs-tooltip" role="tooltip" id="gs-tooltip" hidden></div>',
    '<figure class="gs-dist"><figcaption>Wall time of every measured trial</figcaption><div class="gs-dist-plot"></div></figure>',
    '</section>',
    '<footer class="gs-muted">Exported from Gatherscope: every number was measured on a real PostgreSQL. This file works offline.</footer>',
  ].join('');

  // The statistics are the app's own component: the same numbers, formatted the same way.
  const summaryBox = root.querySelector<HTMLElement>('.gs-summary');
  if (summaryBox && run.summary) {
    const summary = run.summary;
    flushSync(() => createRoot(summaryBox).render(createElement(SummaryView, { summary })));
  }
  const box = root.querySelector<HTMLElement>('.gs-timeline')!;
  const tooltip = root.querySelector<HTMLElement>('.gs-tooltip')!;
  const rangeLabel = root.querySelector<HTMLElement>('.gs-range')!;
  const distBox = root.querySelector<HTMLElement>('.gs-dist-plot')!;
  let range: TimeRange;
  let rowMode: RowMode = 'query';
  let choice: TrialChoice = { kind: 'median' };
  // Set by draw(), which runs at the end of this function before any event can read it.
  let drawn: SvgTimeline;
  // Zoom and pan redraw on every pointer move; the distribution only changes with these.
  let distKey = '';

  const draw = () => {
    drawn = svgTimeline(run, {
      width: Math.max(360, box.clientWidth),
      theme,
      rowMode,
      choice,
      ...(range ? { range } : {}),
    });
    box.innerHTML = drawn.svg;
    const width = Math.max(360, box.clientWidth);
    const key = JSON.stringify([width, theme, [...drawn.shownTrials]]);
    if (key !== distKey) {
      distKey = key;
      distBox.innerHTML = svgDistribution(run, { width, theme, shown: drawn.shownTrials, inFile });
    }
    const [a, b] = range ?? [0, drawn.domainEndMs];
    rangeLabel.textContent = range ? `showing ${a.toFixed(1)}–${b.toFixed(1)} ms` : 'showing the whole run';
  };
  const zoom = (factor: number, anchor = 0.5) => {
    range = zoomRange(range, drawn.domainEndMs, factor, anchor);
    draw();
  };
  const plotFraction = (clientX: number) => {
    const svg = box.querySelector('svg');
    if (!svg) return 0.5;
    const r = svg.getBoundingClientRect();
    return Math.min(
      1,
      Math.max(0, (clientX - r.left - PLOT_LEFT) / Math.max(1, r.width - PLOT_LEFT - PLOT_RIGHT)),
    );
  };

  root.querySelector('.gs-toolbar')!.addEventListener('click', (e) => {
    const btn = (e.target as HTMLElement).closest('button');
    if (!btn) return;
    if (btn.dataset.zoom === 'in') zoom(2);
    else if (btn.dataset.zoom === 'out') zoom(0.5);
    else if (btn.dataset.zoom === 'reset') {
      range = undefined;
      draw();
    } else if (btn.hasAttribute('data-rows')) {
      rowMode = rowMode === 'query' ? 'connection' : 'query';
      btn.setAttribute('aria-pressed', String(rowMode === 'connection'));
      draw();
    } else if (btn.hasAttribute('data-theme-toggle')) {
      theme = theme === 'dark' ? 'light' : 'dark';
      doc.documentElement.dataset.theme = theme;
      draw();
    }
  });
  root.querySelector<HTMLSelectElement>('select[data-trial]')!.addEventListener('change', (e) => {
    choice = decodeChoice((e.currentTarget as HTMLSelectElement).value);
    draw();
    // Another trial can end sooner: keep the zoom, inside the new axis.
    if (range) {
      range = clampRange(range[0], range[1], drawn.domainEndMs);
      draw();
    }
  });
  box.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      zoom(e.deltaY < 0 ? 1.25 : 0.8, plotFraction(e.clientX));
    },
    { passive: false },
  );
  let drag: { x: number; range: [number, number] } | undefined;
  box.addEventListener('pointerdown', (e) => {
    if (range) drag = { x: e.clientX, range };
  });
  win.addEventListener('pointerup', () => {
    drag = undefined;
  });
  box.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const svg = box.querySelector('svg');
    const plotPx = Math.max(1, (svg?.getBoundingClientRect().width ?? 800) - PLOT_LEFT - PLOT_RIGHT);
    range = panRange(drag.range, drawn.domainEndMs, (drag.x - e.clientX) / plotPx);
    draw();
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === '+' || e.key === '=') zoom(2);
    else if (e.key === '-') zoom(0.5);
  });

  const showTip = (target: EventTarget | null, at?: { x: number; y: number }) => {
    const g = (target as Element | null)?.closest?.('.gs-span');
    const lines = g ? drawn.tips[Number(g.getAttribute('data-tip'))] : undefined;
    if (!g || !lines) {
      tooltip.hidden = true;
      return;
    }
    tooltip.innerHTML = lines
      .map((l, i) => `<div class="${i === 0 ? 'gs-tip-title' : ''}">${esc(l)}</div>`)
      .join('');
    const r = g.getBoundingClientRect();
    const host = root.getBoundingClientRect();
    tooltip.style.left = `${(at?.x ?? r.left) - host.left + 12}px`;
    tooltip.style.top = `${(at?.y ?? r.bottom) - host.top + 12}px`;
    tooltip.hidden = false;
    g.setAttribute('aria-describedby', 'gs-tooltip');
  };
  box.addEventListener('pointerover', (e) => showTip(e.target, { x: e.clientX, y: e.clientY }));
  box.addEventListener('pointerout', () => {
    tooltip.hidden = true;
  });
  box.addEventListener('focusin', (e) => showTip(e.target));
  box.addEventListener('focusout', () => {
    tooltip.hidden = true;
  });
  win.addEventListener('resize', draw);
  draw();
}
