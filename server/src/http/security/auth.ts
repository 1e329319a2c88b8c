import type { Context, Hono, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../errors';
import { loginPage } from './login-page';
import { tokenMatches } from './token';

export const SESSION_COOKIE = 'gatherscope_session';
const LOGIN_PATH = '/auth/login';

function presentedToken(c: Context): string | undefined {
  const auth = c.req.header('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return getCookie(c, SESSION_COOKIE);
}

function grantSession(c: Context, token: string) {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
  c.header('Cache-Control', 'no-store');
  return c.redirect('/', 303);
}

function refuseBrowser(c: Context, message: string) {
  c.header('Cache-Control', 'no-store');
  return c.html(loginPage(message), 401);
}

/**
 * The login exchange: `GET /auth/login?token=…` (the URL printed at start) or the login form's
 * POST trade the token for an HttpOnly, SameSite=Strict cookie, then redirect to the app so the
 * token leaves the address bar. Must be mounted after the host and origin guards.
 */
export function mountLogin(app: Hono, token: string): void {
  app.get(LOGIN_PATH, (c) => {
    const given = c.req.query('token');
    if (tokenMatches(token, given)) return grantSession(c, token);
    return refuseBrowser(c, given ? 'That token is not right.' : 'Enter the access token to continue.');
  });
  app.post(LOGIN_PATH, async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const given = typeof form.token === 'string' ? form.token.trim() : undefined;
    if (tokenMatches(token, given)) return grantSession(c, token);
    return refuseBrowser(c, 'That token is not right.');
  });
}

/** Every request but the login exchange needs the token (cookie or `Authorization: Bearer`). */
export function tokenGuard(token: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path === LOGIN_PATH || tokenMatches(token, presentedToken(c))) return next();
    const wantsHtml = (c.req.header('accept') ?? '').includes('text/html') && !c.req.path.startsWith('/api/');
    if (wantsHtml && c.req.method === 'GET') return refuseBrowser(c, 'Enter the access token to continue.');
    throw new AppError('unauthorized', 'This Gatherscope server needs its access token.', {
      status: 401,
      hint: 'Open the login URL printed when the server started, or send "Authorization: Bearer <token>" (the token is in the file auth-token of the data directory).',
    });
  };
}
