import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { handleError } from '../error-handler';
import { localDestination, mountLogin, sessionCookieName, tokenGuard } from './auth';

const TOKEN = 'a'.repeat(43);

function app(): Hono {
  const a = new Hono();
  a.onError(handleError(() => {}));
  a.use('*', tokenGuard(TOKEN));
  mountLogin(a, TOKEN);
  a.get('*', (c) => c.text('the app'));
  return a;
}

/** What Chromium sends when a link on another site is followed. */
const crossSiteNavigation = {
  accept: 'text/html',
  'sec-fetch-site': 'cross-site',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-dest': 'document',
};

describe('localDestination', () => {
  it('keeps paths of this app, with their query', () => {
    expect(localDestination('/runs/abc')).toBe('/runs/abc');
    expect(localDestination('/profile?run=r1&theme=dark')).toBe('/profile?run=r1&theme=dark');
  });

  it('never leads to another site, the login itself, or anything that is not a path', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'evil',
      '/auth/login?token=x',
      `/${'x'.repeat(2001)}`,
      undefined,
      42,
    ]) {
      expect(localDestination(next), String(next)).toBe('/');
    }
  });
});

describe('token guard for browsers', () => {
  it('answers a page without the cookie with the login form, which returns to that page', async () => {
    const res = await app().request('/runs/abc?theme=dark', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/auth/login">');
    expect(html).toContain('name="next" value="/runs/abc?theme=dark"');

    const signIn = await app().request('/auth/login', {
      method: 'POST',
      body: new URLSearchParams({ token: TOKEN, next: '/runs/abc?theme=dark' }),
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/runs/abc?theme=dark');
    expect(signIn.headers.get('set-cookie')).toContain(`${sessionCookieName(TOKEN)}=${TOKEN}`);
  });

  it('a wrong token keeps the destination and sets no cookie', async () => {
    const res = await app().request('/auth/login', {
      method: 'POST',
      body: new URLSearchParams({ token: 'wrong', next: '//evil.example/' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    const html = await res.text();
    expect(html).toContain('That token is not right.');
    expect(html).toContain('name="next" value="/"');
  });

  it('sends a navigation from another site (no SameSite=Strict cookie there) back through our own origin', async () => {
    const res = await app().request('/history?x=1&y=2', { headers: crossSiteNavigation });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/history?x=1&#38;y=2">');
    expect(html).not.toContain('<form');
    // The same navigation from our own origin, still without a cookie, gets the login form.
    const again = await app().request('/history?x=1&y=2', {
      headers: { ...crossSiteNavigation, 'sec-fetch-site': 'same-origin' },
    });
    expect(await again.text()).toContain('<form');
    // Frames and API calls are never sent round again.
    const sameSiteFrame = await app().request('/embed/runs/r1', {
      headers: { ...crossSiteNavigation, 'sec-fetch-site': 'same-site', 'sec-fetch-dest': 'iframe' },
    });
    expect(await sameSiteFrame.text()).toContain('<form');
    const api = await app().request('/api/runs', { headers: crossSiteNavigation });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('tells a frame in a page of another site why signing in cannot work there, and what does', async () => {
    const res = await app().request('/embed/runs/r1?theme=dark', {
      headers: { ...crossSiteNavigation, 'sec-fetch-dest': 'iframe' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    const html = await res.text();
    // The browser would never send the Strict cookie to this frame: a login form here would loop.
    expect(html).not.toContain('<form');
    expect(html).toContain('embed it from a page on the same site as Gatherscope');
    expect(html).toContain('self-contained HTML export');
    expect(html).toContain('<a href="/runs/r1?theme=dark" target="_blank" rel="noopener">');
  });

  it("names its cookie per install, so another install's cookie on the same host neither counts nor collides", async () => {
    const other = 'b'.repeat(43);
    expect(sessionCookieName(TOKEN)).toMatch(/^gatherscope_session_[0-9a-f]{12}$/);
    expect(sessionCookieName(other)).not.toBe(sessionCookieName(TOKEN));
    expect(sessionCookieName(TOKEN)).not.toContain(TOKEN.slice(0, 12));
    const res = await app().request('/api/health', {
      headers: { accept: 'application/json', cookie: `${sessionCookieName(other)}=${TOKEN}` },
    });
    expect(res.status).toBe(401);
  });

  it('lets the cookie and the bearer token through', async () => {
    const credentials: Record<string, string>[] = [
      { cookie: `${sessionCookieName(TOKEN)}=${TOKEN}` },
      { authorization: `Bearer ${TOKEN}` },
    ];
    for (const headers of credentials) {
      const res = await app().request('/history', { headers: { ...crossSiteNavigation, ...headers } });
      expect(await res.text()).toBe('the app');
    }
  });
});
