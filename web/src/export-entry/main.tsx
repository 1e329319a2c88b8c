import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import appCss from '../styles.css?inline';
import timelineCss from '../timeline/timeline.css?inline';
import formsCss from '../ui/forms.css?inline';
import { pageTheme } from '../ui/theme';
import { ExportView } from './ExportView';
import { readEmbeddedRun } from './embedded-run';
import exportCss from './export.css?inline';

// Entry of the self-contained HTML export: built as one inline script (see vite-plugin.ts). The
// file loads nothing, so the app's stylesheets travel inside the script and are added here.
const root = document.getElementById('gatherscope-export');
if (root) {
  try {
    const { run, content } = readEmbeddedRun(document);
    const style = document.createElement('style');
    style.textContent = [appCss, formsCss, timelineCss, exportCss].join('\n');
    document.head.append(style);
    document.title = `${run.workload.name} — Gatherscope run`;
    const initialTheme = pageTheme(window);
    document.documentElement.dataset.theme = initialTheme;
    flushSync(() => createRoot(root).render(createElement(ExportView, { run, content, initialTheme })));
  } catch (err) {
    root.textContent = `This export could not be shown: ${err instanceof Error ? err.message : String(err)}`;
  }
}
