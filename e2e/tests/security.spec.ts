import { chromium, expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';

test('a DNS-rebound name pointing at the app is refused, page and API alike', async ({ baseURL }) => {
  const port = new URL(baseURL!).port;
  // Chromium resolves rebind.test to 127.0.0.1: exactly what a rebinding attacker's DNS would do.
  const browser = await chromium.launch(
    chromiumLaunchOptions(['--host-resolver-rules=MAP rebind.test 127.0.0.1']),
  );
  try {
    const page = await browser.newPage();
    const res = await page.goto(`http://rebind.test:${port}/`);
    expect(res?.status()).toBe(403);
    await expect(page.getByText('does not answer to that host name')).toBeVisible();
    const api = await page.evaluate(async () => (await fetch('/api/health')).status);
    expect(api).toBe(403);
  } finally {
    await browser.close();
  }
});

test('a page on another site cannot start a run, even with a form-style request', async ({
  page,
  baseURL,
  request,
}) => {
  const before = (await (await request.get('/api/runs')).json()) as { runs: unknown[] };
  await page.route('http://evil.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>evil</title><p>hello</p>' }),
  );
  await page.goto('http://evil.test/');
  const outcome = await page.evaluate(async (target) => {
    const body = JSON.stringify({
      workload: 'user-dashboard',
      strategies: ['sequential'],
      trials: 1,
      detached: true,
    });
    const results: string[] = [];
    // A "simple" request needs no preflight: the classic CSRF shape.
    await fetch(`${target}/api/runs`, {
      method: 'POST',
      mode: 'no-cors',
      headers: { 'content-type': 'text/plain' },
      body,
    })
      .then(() => results.push('sent'))
      .catch(() => results.push('blocked'));
    await fetch(`${target}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
      .then((r) => results.push(`read ${r.status}`))
      .catch(() => results.push('blocked'));
    return results;
  }, baseURL!);
  // The second request can never be read by the foreign page (no CORS headers).
  expect(outcome[1]).toBe('blocked');
  const after = (await (await request.get('/api/runs')).json()) as { runs: unknown[] };
  expect(after.runs.length).toBe(before.runs.length);
});

test('the app’s pages forbid inline script and framing', async ({ page }) => {
  const res = await page.goto('/profile');
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res?.headers()['x-content-type-options']).toBe('nosniff');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
