import type { MiddlewareHandler } from 'hono';

/**
 * No inline or foreign script may run, so text from a database can never execute even if a
 * component forgot to treat it as text. Styles allow inline attributes (d3 and React set them).
 * No page may be framed (clickjacking), except the embed view, whose own middleware
 * (export/frame-ancestors.ts) replaces frame-ancestors with the configured sites.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers on every response, and never any CORS permission, whoever set it. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const name of [...c.res.headers.keys()]) {
      if (name.toLowerCase().startsWith('access-control-')) c.res.headers.delete(name);
    }
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    // The login URL carries the token: never let it leak through Referer.
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    if ((c.res.headers.get('content-type') ?? '').includes('text/html')) {
      c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      c.res.headers.set('X-Frame-Options', 'DENY');
    }
  };
}
