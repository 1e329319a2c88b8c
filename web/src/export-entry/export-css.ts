import { type Palette, palettes } from './palette';

/** The page's colours are the drawing's: one palette for the SVG and the page around it. */
const colors = (p: Palette) =>
  `--bg:${p.bg}; --bg-alt:${p.bgAlt}; --fg:${p.fg}; --muted:${p.muted}; --border:${p.border}; --accent:${p.accent};`;

/** Styles of the HTML export, inlined by the viewer: the file has no other resources. */
export const exportCss = `
:root { ${colors(palettes.light)} --bad:#cf222e; color-scheme: light; }
:root[data-theme="dark"] { ${colors(palettes.dark)} --bad:#f85149; color-scheme: dark; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
#gatherscope-export { position: relative; max-width: 1200px; margin: 0 auto; padding: 16px 24px 32px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.1rem; margin: 24px 0 8px; }
.gs-muted { color: var(--muted); }
.gs-bad { color: var(--bad); }
.gs-summary h2 { font-size: 1.1rem; margin: 24px 0 8px; }
.gs-summary table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
.gs-summary th, .gs-summary td { border-bottom: 1px solid var(--border); padding: 4px 8px; text-align: right; }
.gs-summary th[scope="row"], .gs-summary thead th:first-child { text-align: left; }
/* Numbers stay whole ("335 ms", never "335" over "ms"); a narrow window scrolls the table instead. */
.gs-summary td { white-space: nowrap; }
.gs-summary .pf-table-wrap { overflow-x: auto; }
.gs-summary .muted { color: var(--muted); }
.gs-summary .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.gs-summary .pf-verdict { font-size: 1.05rem; font-weight: 600; }
.gs-toolbar { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
.gs-toolbar button { font: inherit; padding: 3px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg-alt); color: var(--fg); cursor: pointer; }
.gs-field { display: inline-flex; gap: 6px; align-items: center; }
.gs-field select { font: inherit; padding: 2px 6px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg-alt); color: var(--fg); }
.gs-note { font-size: 13px; margin: 4px 0 8px; }
.gs-dist { margin: 16px 0 0; }
.gs-dist figcaption { font-weight: 600; margin-bottom: 4px; }
.gs-dist svg { display: block; }
.gs-timeline { width: 100%; overflow: hidden; cursor: grab; touch-action: none; }
.gs-timeline svg { display: block; user-select: none; }
.gs-span:focus { outline: 2px solid var(--accent); }
.gs-tooltip { position: absolute; z-index: 2; max-width: 420px; padding: 8px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); box-shadow: 0 4px 16px rgb(0 0 0 / 0.2); white-space: pre-wrap; font-size: 12px; pointer-events: none; }
.gs-tip-title { font-weight: 600; }
footer { margin-top: 24px; font-size: 12px; }
`;
