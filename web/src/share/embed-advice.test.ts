import { describe, expect, it } from 'vitest';
import { embedAdvice, embedPolicyText } from './embed-advice';

const self = 'http://127.0.0.1:5173';

describe('embed advice', () => {
  it('allows the app itself by default and says exactly what to set for another site', () => {
    const policy = { frameAncestors: ["'self'"] };
    expect(embedAdvice(`${self}/docs`, policy, self).ok).toBe(true);
    const other = embedAdvice('https://wiki.example.com/page', policy, self);
    expect(other).toEqual({
      ok: false,
      message: expect.stringContaining('GATHERSCOPE_FRAME_ANCESTORS="https://wiki.example.com"'),
    });
    expect(embedPolicyText(policy)).toMatch(/only on pages of this Gatherscope/);
  });

  it('matches schemes, subdomain wildcards and ports as CSP does, keeping the sites already allowed', () => {
    const policy = { frameAncestors: ['https://*.example.com', 'http://localhost:*'] };
    expect(embedAdvice('https://docs.example.com/x', policy, self).ok).toBe(true);
    expect(embedAdvice('https://example.com/x', policy, self).ok).toBe(false);
    expect(embedAdvice('http://docs.example.com/x', policy, self).ok).toBe(false);
    expect(embedAdvice('http://localhost:8080/', policy, self).ok).toBe(true);
    expect(embedAdvice('https://notes.other.org/', policy, self).message).toContain(
      'GATHERSCOPE_FRAME_ANCESTORS="https://*.example.com http://localhost:* https://notes.other.org"',
    );
    expect(embedAdvice('not a url', policy, self).ok).toBe(false);
  });

  it('says when embedding is off', () => {
    expect(embedPolicyText({ frameAncestors: ["'none'"] })).toMatch(/turned off/);
  });
});
