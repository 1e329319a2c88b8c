import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import loadCss from '../load/load.css?inline';
import appCss from '../styles.css?inline';
import timelineCss from '../timeline/timeline.css?inline';
import formsCss from '../ui/forms.css?inline';
import { pageTheme } from '../ui/theme';
import { ExportView } from './ExportView';
import { embeddedKind, readEmbeddedLoadTest, readEmbeddedRun } from './embedded-data';
import exportCss from './export.css?inline';
import { LoadExportView } from './LoadExportView';

// Entry of the self-contained HTML export of a run or a load test: built as one inline script (see
// vite-plugin.ts). The file loads nothing, so the app's stylesheets travel inside the script and
// are added here.
const root = document.getElementById('gatherscope-export');
if (root) {
  try {
    const initialTheme = pageTheme(window);
    let view: ReturnType<typeof createElement>;
    if (embeddedKind(document) === 'load') {
      const test = readEmbeddedLoadTest(document);
      document.title = `${test.workload.name} — Gatherscope load test`;
      view = createElement(LoadExportView, { test, initialTheme });
    } else {
      const { run, content } = readEmbeddedRun(document);
      document.title = `${run.workload.name} — Gatherscope run`;
      view = createElement(ExportView, { run, content, initialTheme });
    }
    const style = document.createElement('style');
    style.textContent = [appCss, formsCss, timelineCss, loadCss, exportCss].join('\n');
    document.head.append(style);
    document.documentElement.dataset.theme = initialTheme;
    flushSync(() => createRoot(root).render(view));
  } catch (err) {
    root.textContent = `This export could not be shown: ${err instanceof Error ? err.message : String(err)}`;
  }
}
