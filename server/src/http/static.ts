import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { AppError } from '../errors/app-error';

// serveStatic's onFound runs after it has built its response, too late to add a header to it.
const cacheWhenServed =
  (cacheControl: string): MiddlewareHandler =>
  async (c, next) => {
    await next();
    if (c.res.status === 200 || c.res.status === 206) c.res.headers.set('Cache-Control', cacheControl);
  };

/**
 * Serves the built web app, and index.html for client-side routes (`/runs/abc`). Files under
 * /assets carry a content hash in their name, so they are immutable, and are sent brotli- or
 * gzip-compressed when the build left such a copy and the browser accepts it; everything else
 * (index.html, also when asked for as `/`) is revalidated on each load, so a rebuilt app shows at once.
 */
export function mountWebApp(app: Hono, webDist: string): void {
  const index = path.join(webDist, 'index.html');
  const root = path.relative(process.cwd(), webDist) || '.';
  // precompressed: the build writes .br and .gz copies of each chunk (web/vite.config.ts).
  app.use(
    '/assets/*',
    cacheWhenServed('public, max-age=31536000, immutable'),
    serveStatic({ root, precompressed: true }),
  );
  // A page loaded before a rebuild asks for chunks the rebuild replaced: answering with index.html
  // would hand the browser HTML as a script. A 404 makes its import fail, and the page says so.
  app.get('/assets/*', (c) => {
    c.header('Cache-Control', 'no-store');
    throw new AppError('not_found', `The web app has no file ${c.req.path}.`, {
      status: 404,
      hint: 'Gatherscope was rebuilt or updated since this page was loaded: reload the page.',
    });
  });
  app.use('*', cacheWhenServed('no-cache'), serveStatic({ root }));
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    if (!fs.existsSync(index)) {
      return c.text('The web app is not built yet: run `npm run build` (npm start does it for you).', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(fs.readFileSync(index, 'utf8'));
  });
}
