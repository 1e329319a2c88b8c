import { useEffect } from 'react';
import { matchPath } from '../ui/router';
import { pageTheme } from '../ui/theme';
import { EmbedPage } from './EmbedPage';

/** The embed entry: no app chrome, theme from `?theme=light|dark` (default: the reader's preference). */
export function EmbedApp() {
  const theme = pageTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const params = matchPath('/embed/runs/:id', window.location.pathname);
  if (!params?.id) {
    return (
      <main className="embed">
        <p className="error-box">Nothing to embed here: embed links look like /embed/runs/&lt;run id&gt;.</p>
      </main>
    );
  }
  return <EmbedPage runId={params.id} />;
}
