import type { MiddlewareHandler } from 'hono';

/**
 * Sources allowed by `GATHERSCOPE_FRAME_ANCESTORS` (space or comma separated): 'self', 'none', or
 * origins like https://wiki.example.com, https://*.example.com, http://localhost:8080, http://localhost:*.
 */
const SOURCE = /^(?:'self'|'none'|https?:\/\/(?:\*\.)?[a-z0-9.-]+(?::(?:\d{1,5}|\*))?)$/i;

export const DEFAULT_FRAME_ANCESTORS = ["'self'"];

export function parseFrameAncestors(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return DEFAULT_FRAME_ANCESTORS;
  const sources = value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((s) => (s === 'self' || s === 'none' ? `'${s}'` : s.replace(/\/$/, '')));
  const bad = sources.filter((s) => !SOURCE.test(s));
  if (bad.length) {
    throw new Error(
      `GATHERSCOPE_FRAME_ANCESTORS has ${bad.map((b) => `"${b}"`).join(', ')}: list origins such as https://wiki.example.com, https://*.example.com or 'self', separated by spaces`,
    );
  }
  if (sources.includes("'none'") && sources.length > 1) {
    throw new Error("GATHERSCOPE_FRAME_ANCESTORS: 'none' cannot be combined with other sources");
  }
  return sources;
}

/**
 * Lets the allowed sites frame the embed view (`/embed/*`) and nothing else of the app. Registered
 * before the security headers so it runs after them on the way out and extends their policy.
 */
export function embedFrameAncestors(sources: readonly string[]): MiddlewareHandler {
  const directive = `frame-ancestors ${sources.join(' ')}`;
  return async (c, next) => {
    await next();
    const csp = c.res.headers.get('Content-Security-Policy');
    const rest = csp
      ?.split(';')
      .map((d) => d.trim())
      .filter((d) => d && !d.toLowerCase().startsWith('frame-ancestors'));
    c.res.headers.set('Content-Security-Policy', [...(rest ?? []), directive].join('; '));
    c.res.headers.delete('X-Frame-Options');
  };
}
