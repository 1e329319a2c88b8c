import crypto from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../errors/app-error';
import { framedPage, loginPage, resumePage } from './login-page';
import { tokenMatches } from './token';

/**
 * The session cookie's name, one per install (from a hash of its token): cookies ignore ports, so
 * two Gatherscopes on one host would otherwise overwrite each other's session and sign each other out.
 */
export function sessionCookieName(token: string): string {
  const tag = crypto.createHash('sha256').update(`session-cookie:${token}`).digest('hex').slice(0, 12);
  return `gatherscope_session_${tag}`;
}
const LOGIN_PATH = '/auth/login';

function presentedToken(c: Context, cookieName: string): string | undefined {
  const auth = c.req.header('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return getCookie(c, cookieName);
}

/** Where to go after signing in: a path of this app only, never another site or the login itself. */
export function localDestination(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return '/';
  const base = 'http://gatherscope.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return '/';
  }
  if (url.origin !== base || url.pathname.startsWith(LOGIN_PATH)) return '/';
  return url.pathname + url.search;
}

function grantSession(c: Context, token: string, next: unknown) {
  setCookie(c, sessionCookieName(token), token, { httpOnly: true, sameSite: 'Strict', path: '/' });
  c.header('Cache-Control', 'no-store');
  return c.redirect(localDestination(next), 303);
}

function refuseBrowser(c: Context, message: string, next: unknown) {
  c.header('Cache-Control', 'no-store');
  return c.html(loginPage(message, localDestination(next)), 401);
}

/** A top-level navigation from another site: the browser did not send the SameSite=Strict cookie. */
function isCrossSiteNavigation(c: Context): boolean {
  return (
    c.req.header('sec-fetch-site') === 'cross-site' &&
    c.req.header('sec-fetch-mode') === 'navigate' &&
    c.req.header('sec-fetch-dest') === 'document'
  );
}

/**
 * A frame inside a page of another site. The browser never sends the SameSite=Strict cookie there,
 * signed in or not: by design (issue 8), so that no other site can act with the session.
 */
function isCrossSiteFrame(c: Context): boolean {
  return c.req.header('sec-fetch-site') === 'cross-site' && c.req.header('sec-fetch-dest') === 'iframe';
}

/**
 * The login exchange: `GET /auth/login?token=…` (the URL printed at start) or the login form's
 * POST trade the token for an HttpOnly, SameSite=Strict cookie, then redirect to the app so the
 * token leaves the address bar. Must be mounted after the host and origin guards.
 */
export function mountLogin(app: Hono, token: string): void {
  app.get(LOGIN_PATH, (c) => {
    const given = c.req.query('token');
    if (tokenMatches(token, given)) return grantSession(c, token, '/');
    return refuseBrowser(c, given ? 'That token is not right.' : 'Enter the access token to continue.', '/');
  });
  app.post(LOGIN_PATH, async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const given = typeof form.token === 'string' ? form.token.trim() : undefined;
    if (tokenMatches(token, given)) return grantSession(c, token, form.next);
    return refuseBrowser(c, 'That token is not right.', form.next);
  });
}

/** Every request but the login exchange needs the token (cookie or `Authorization: Bearer`). */
export function tokenGuard(token: string): MiddlewareHandler {
  const cookieName = sessionCookieName(token);
  return async (c, next) => {
    if (c.req.path === LOGIN_PATH || tokenMatches(token, presentedToken(c, cookieName))) return next();
    const wantsHtml = (c.req.header('accept') ?? '').includes('text/html') && !c.req.path.startsWith('/api/');
    if (wantsHtml && c.req.method === 'GET') {
      const here = `${c.req.path}${new URL(c.req.url).search}`;
      if (isCrossSiteNavigation(c)) {
        c.header('Cache-Control', 'no-store');
        return c.html(resumePage(localDestination(here)), 401);
      }
      if (isCrossSiteFrame(c)) {
        c.header('Cache-Control', 'no-store');
        // The embed view's run, as its page in the app (the embed view has no chrome to sign in from).
        return c.html(framedPage(localDestination(here.replace(/^\/embed\/runs\//, '/runs/'))), 401);
      }
      return refuseBrowser(c, 'Enter the access token to continue.', here);
    }
    throw new AppError('unauthorized', 'This Gatherscope server needs its access token.', {
      status: 401,
      hint: 'Open the login URL printed when the server started, or send "Authorization: Bearer <token>" (the token is in the file auth-token of the data directory).',
    });
  };
}
