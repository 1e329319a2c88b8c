import { lazy } from 'react';
import { ChunkBoundary } from '../ui/ChunkBoundary';
import { Shell } from './Shell';

// The embed view lives in iframes on other sites' pages: it is its own chunk, and it never
// downloads the app's pages (see routes.tsx), so a wiki page pays only for a timeline.
const EmbedApp = lazy(() => import('../embed/EmbedApp').then((m) => ({ default: m.EmbedApp })));

/** The embed view (no app chrome at all) or the app with its navigation. */
export function Root() {
  if (!window.location.pathname.startsWith('/embed/')) return <Shell />;
  return (
    <ChunkBoundary what="the run">
      <EmbedApp />
    </ChunkBoundary>
  );
}
