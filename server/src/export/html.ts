import {
  HTML_EXPORT_DATA_ID,
  type HtmlExport,
  type LoadTestExport,
  type RunExport,
  trimRunForHtml,
} from '@gatherscope/shared';

/**
 * The page's own policy: nothing may be loaded from anywhere, so the file behaves the same on a
 * laptop without network, on a file share or attached to a ticket.
 */
const EXPORT_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

/** JSON inside <script type="application/json">: `<` escaped so no `</script>` or `<!--` can end it early. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

/** Script text inlined into HTML: a `</script` inside a string or regex of the bundle must not close the tag. */
function scriptSafeJs(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const escText = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The page around an export's data: the viewer script, no network, the page's own policy. */
function exportDocument(o: {
  title: string;
  app: string;
  dataId: string;
  data: unknown;
  viewerJs: string;
  noscript: string;
}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Gatherscope ${escText(o.app)}">
<title>${escText(o.title)}</title>
</head>
<body>
<main id="gatherscope-export"><noscript>${escText(o.noscript)}</noscript></main>
<script type="application/json" id="${o.dataId}">${scriptSafeJson(o.data)}</script>
<script>${scriptSafeJs(o.viewerJs)}</script>
</body>
</html>
`;
}

/**
 * One self-contained HTML file: the run as JSON plus the viewer (web/src/export-entry, built into a
 * single script) that draws the timelines, statistics, tooltips, zoom, trial picker and trial
 * distribution from it. Every trial's wall time is in it; spans only as far as the budget of
 * trimRunForHtml allows, and the file says which trials it holds.
 */
export function htmlExport(exported: RunExport, viewerJs: string): string {
  const trimmed = trimRunForHtml(exported.run);
  const run = trimmed.run;
  const data: HtmlExport = { ...exported, run, content: trimmed.content };
  return exportDocument({
    title: `${run.workload.name} — Gatherscope run`,
    app: exported.app,
    dataId: HTML_EXPORT_DATA_ID.run,
    data,
    viewerJs,
    noscript: 'This export draws its timelines with JavaScript; allow scripts for this file to see them.',
  });
}

/**
 * A load test as one self-contained HTML file: the whole stored record and the same viewer, which
 * draws it with the Load page's own table, verdict and charts. Nothing is trimmed: a test lasts at
 * most 30 minutes, so it holds at most 1,800 seconds of a few hundred bytes each.
 */
export function loadTestHtmlExport(exported: LoadTestExport, viewerJs: string): string {
  return exportDocument({
    title: `${exported.loadTest.workload.name} — Gatherscope load test`,
    app: exported.app,
    dataId: HTML_EXPORT_DATA_ID.load,
    data: exported,
    viewerJs,
    noscript: 'This export draws its charts with JavaScript; allow scripts for this file to see them.',
  });
}
