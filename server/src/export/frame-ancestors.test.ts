import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { embedFrameAncestors, parseFrameAncestors } from './frame-ancestors';

describe('frame-ancestors of the embed view', () => {
  it("defaults to the app's own origin and accepts a list of origins", () => {
    expect(parseFrameAncestors(undefined)).toEqual(["'self'"]);
    expect(parseFrameAncestors('  ')).toEqual(["'self'"]);
    expect(
      parseFrameAncestors('self, https://wiki.example.com/ https://*.corp.example http://localhost:*'),
    ).toEqual(["'self'", 'https://wiki.example.com', 'https://*.corp.example', 'http://localhost:*']);
  });

  it('refuses anything that could smuggle another directive', () => {
    expect(() => parseFrameAncestors('https://a.example; script-src *')).toThrow(
      /GATHERSCOPE_FRAME_ANCESTORS/,
    );
    expect(() => parseFrameAncestors('*')).toThrow(/GATHERSCOPE_FRAME_ANCESTORS/);
    expect(() => parseFrameAncestors("'none' https://a.example")).toThrow(/cannot be combined/);
  });

  it('adds the directive to the policy set by the security headers, replacing any other', async () => {
    const app = new Hono();
    app.use('/embed/*', embedFrameAncestors(['https://wiki.example.com']));
    app.use('*', async (c, next) => {
      await next();
      c.res.headers.set('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'");
      c.res.headers.set('X-Frame-Options', 'DENY');
    });
    app.get('*', (c) => c.html('<p>hi</p>'));
    const embed = await app.request('/embed/runs/abc');
    expect(embed.headers.get('content-security-policy')).toBe(
      "default-src 'self'; frame-ancestors https://wiki.example.com",
    );
    expect(embed.headers.get('x-frame-options')).toBeNull();
    const other = await app.request('/history');
    expect(other.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
