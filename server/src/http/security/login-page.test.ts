import { describe, expect, it } from 'vitest';
import { loginPage } from './login-page';

const referrerPolicies = (html: string) =>
  [...html.matchAll(/<meta name="referrer" content="([^"]*)">/g)].map((m) => m[1]);

describe('loginPage', () => {
  it('lets its form POST carry the app’s origin (no-referrer would make the browser send Origin: null)', () => {
    const html = loginPage('Enter the access token to continue.');
    expect(html).toContain('<form method="post" action="/auth/login">');
    // The last policy wins; "same-origin" sends the origin to ourselves and nothing to other sites.
    expect(referrerPolicies(html).at(-1)).toBe('same-origin');
  });

  it('runs no script and shows the message as text', () => {
    const html = loginPage('<script>alert(1)</script> & "more"');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;more&#34;');
    expect(html).toContain('auth-token');
  });
});
