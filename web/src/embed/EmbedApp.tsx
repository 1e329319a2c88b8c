import { lazy, useEffect } from 'react';
import { matchPath } from '../ui/router';
import { pageTheme } from '../ui/theme';
import { EmbedPage } from './EmbedPage';

// A chunk of its own: an embedded run does not download the load test's charts.
const LoadEmbedPage = lazy(() => import('./LoadEmbedPage').then((m) => ({ default: m.LoadEmbedPage })));

/** The embed entry: no app chrome, theme from `?theme=light|dark` (default: the reader's preference). */
export function EmbedApp() {
  const theme = pageTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const load = matchPath('/embed/load/:id', window.location.pathname);
  if (load?.id) return <LoadEmbedPage testId={load.id} />;
  const params = matchPath('/embed/runs/:id', window.location.pathname);
  if (!params?.id) {
    return (
      <main className="embed">
        <p className="error-box">
          Nothing to embed here: embed links look like /embed/runs/&lt;run id&gt; or /embed/load/&lt;load test
          id&gt;.
        </p>
      </main>
    );
  }
  return <EmbedPage runId={params.id} />;
}
