import http from 'node:http';
import os from 'node:os';
import { ApiErrorSchema, CreatedRunSchema, HealthSchema } from '@gatherscope/shared';
import {
  type APIResponse,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  test,
} from '@playwright/test';
import { startTokenServer, type TokenServer } from '../support/token-server';

// A second app, listening on every interface (so it demands its token); the browser and every
// request still go to 127.0.0.1 only.
let server: TokenServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startTokenServer();
});

test.afterAll(async () => {
  await server?.stop();
});

const url = (p: string) => `${server.baseURL}${p}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function expectUnauthorized(res: APIResponse) {
  expect(res.status()).toBe(401);
  const body = ApiErrorSchema.parse(await res.json());
  expect(body.error.code).toBe('unauthorized');
  expect(body.error.hint).toContain('Authorization: Bearer');
}

/** A raw request with exactly these headers: Playwright's clients set Host themselves. */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path, headers, setHost: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.baseURL });
}

/** The login page's one message. */
const loginStatus = (page: Page) => page.getByRole('status');

test('without the token the browser gets the login page, and the API and event streams answer 401', async ({
  browser,
  request,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const res = await page.goto('/profile');
  expect(res?.status()).toBe(401);
  await expect(page).toHaveTitle('Gatherscope: sign in');
  await expect(loginStatus(page)).toHaveText('Enter the access token to continue.');
  await expect(page.getByText(/login URL printed when Gatherscope started.*file auth-token/)).toBeVisible();
  await expect(page.getByLabel('Access token')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  // Nothing of the app got through: no navigation, no status bar.
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);

  // A real run, started by a script with the token: its stream exists.
  const started = await request.post(url('/api/runs'), {
    headers: bearer(server.token),
    data: { workload: 'trivial', strategies: ['sequential'], trials: 1, warmup: 0, detached: true },
  });
  expect(started.status(), await started.text()).toBe(201);
  const { id } = CreatedRunSchema.parse(await started.json());
  const events = `/api/runs/${id}/events`;

  // The page's own fetch and EventSource: same origin, but no cookie.
  const fromPage = await page.evaluate(async (streamUrl) => {
    const api = await fetch('/api/runs');
    const stream = await new Promise<string>((resolve) => {
      const source = new EventSource(streamUrl);
      source.onopen = () => resolve('open');
      source.onerror = () => resolve(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    });
    return { status: api.status, body: await api.json(), stream };
  }, events);
  expect(fromPage.status).toBe(401);
  expect(ApiErrorSchema.parse(fromPage.body).error.code).toBe('unauthorized');
  // A non-200 answer makes EventSource give up rather than retry.
  expect(fromPage.stream).toBe('closed');

  await expectUnauthorized(await request.get(url(events), { headers: { accept: 'text/event-stream' } }));
  await expectUnauthorized(await request.get(url('/api/health')));
  await expectUnauthorized(await request.get(url('/assets/none.js')));
  const served = await request.get(url(events), {
    headers: { accept: 'text/event-stream', ...bearer(server.token) },
  });
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toContain('text/event-stream');
  await context.close();
});

test('the login URL sets a strict HttpOnly cookie, leaves the address bar, and the app runs a profile', async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`/auth/login?token=${server.token}`);
  await expect(page).toHaveURL(/\/profile$/);
  expect(page.url()).not.toContain(server.token);
  const cookies = await context.cookies(server.baseURL);
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({
    name: expect.stringMatching(/^gatherscope_session_[0-9a-f]{12}$/),
    httpOnly: true,
    sameSite: 'Strict',
  });
  // Page script cannot read it.
  expect(await page.evaluate(() => document.cookie)).toBe('');

  const status = page.getByRole('status', { name: 'Database status' });
  await expect(status).toContainText('Embedded demo database');
  await expect(status).toContainText(/PostgreSQL \d+/);

  // A short run on the built-in slow dashboard, streamed live over the cookie-authenticated stream.
  await expect(page.getByRole('combobox', { name: 'Built-in workload' })).toHaveValue('slow-dashboard');
  await page.getByRole('spinbutton', { name: 'Trials' }).fill('2');
  await page.getByRole('spinbutton', { name: 'Warm-up' }).fill('0');
  for (const box of await page.getByRole('group', { name: 'Strategies' }).getByRole('checkbox').all()) {
    const name = (await box.evaluate((el) => el.parentElement?.textContent ?? '')).trim();
    await box.setChecked(name === 'Sequential' || name === 'Concurrent');
  }
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Run status' })).toContainText('Completed', {
    timeout: 30_000,
  });
  const summary = page.getByRole('region', { name: 'Summary' });
  await expect(summary.getByRole('row', { name: /^Concurrent/ })).toContainText(/\d+(\.\d+)?× \(\d/);
  // The run completed and was judged (on a busy machine the verdict may be "too noisy to decide").
  await expect(summary).toContainText(/Concurrent (is \d+(\.\d+)?× faster|measured \d+(\.\d+)?×)/);
  await expect(page.getByRole('img', { name: /^Sequential: 2 trials, median \d/ })).toBeVisible();
  await context.close();
});

test('a wrong token is refused and sets no cookie; scripts use a bearer token', async ({
  browser,
  request,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const res = await page.goto(`/auth/login?token=${'x'.repeat(43)}`);
  expect(res?.status()).toBe(401);
  await expect(loginStatus(page)).toHaveText('That token is not right.');
  expect(await context.cookies(server.baseURL)).toEqual([]);

  // The login form, met on the page the user asked for: a wrong token again, then the right one
  // lands on that page.
  await page.goto('/history');
  await page.getByLabel('Access token').fill(`${server.token.slice(0, -1)}x`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(loginStatus(page)).toHaveText('That token is not right.');
  expect(await context.cookies(server.baseURL)).toEqual([]);
  await page.getByLabel('Access token').fill(server.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await expect(page).toHaveURL(`${server.baseURL}/history`);
  await context.close();

  const ok = await request.get(url('/api/health'), { headers: bearer(server.token) });
  expect(ok.status()).toBe(200);
  const health = HealthSchema.parse(await ok.json());
  expect(health.database).toMatchObject({ reachable: true, embedded: true });
  await expectUnauthorized(await request.get(url('/api/health'), { headers: bearer(`${server.token}x`) }));
  await expectUnauthorized(
    await request.get(url('/api/health'), { headers: { authorization: server.token } }),
  );
});

test('links from another site land in the app: the login URL in a chat, a permalink in a doc', async ({
  browser,
}) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  // The browser withholds a SameSite=Strict cookie on a navigation that starts on another site.
  await page.route('http://chat.test/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>chat</title>
<a href="${server.baseURL}/auth/login?token=${server.token}">sign in</a>
<a href="${server.baseURL}/history">the history</a>`,
    }),
  );
  await page.goto('http://chat.test/');
  await page.getByRole('link', { name: 'sign in' }).click();
  await expect(page.getByRole('status', { name: 'Database status' })).toContainText('Embedded demo database');
  expect(page.url()).not.toContain(server.token);

  await page.goto('http://chat.test/');
  await page.getByRole('link', { name: 'the history' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await expect(page).toHaveURL(`${server.baseURL}/history`);

  // Without a cookie, the same link still ends at the login form, not in a loop.
  await context.clearCookies();
  await page.goto('http://chat.test/');
  await page.getByRole('link', { name: 'the history' }).click();
  await expect(loginStatus(page)).toHaveText('Enter the access token to continue.');
  await expect(page).toHaveURL(`${server.baseURL}/history`);
  await context.close();
});

test('Host, Origin and body-size checks still apply with the token', async ({ request }) => {
  const auth = bearer(server.token);
  // The machine's own addresses are allowed hosts in this mode; a foreign name never is.
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i?.family === 'IPv4' && !i.internal)?.address;
  for (const host of [
    `127.0.0.1:${server.port}`,
    `localhost:${server.port}`,
    ...(lan ? [`${lan}:${server.port}`] : []),
  ]) {
    expect((await rawGet('/api/health', { host, ...auth })).status, host).toBe(200);
  }
  for (const host of [`evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
    const refused = await rawGet('/api/health', { host, ...auth });
    expect(refused.status, host).toBe(403);
    expect(ApiErrorSchema.parse(JSON.parse(refused.body)).error.message).toBe(
      'This server does not answer to that host name.',
    );
  }
  // Even the login exchange sits behind the Host check.
  expect(
    (await rawGet(`/auth/login?token=${server.token}`, { host: `evil.example:${server.port}` })).status,
  ).toBe(403);

  const foreign = await request.post(url('/api/runs'), {
    headers: { ...auth, origin: 'http://evil.example' },
    data: { workload: 'trivial', strategies: ['sequential'], trials: 1, detached: true },
  });
  expect(foreign.status()).toBe(403);
  expect(ApiErrorSchema.parse(await foreign.json()).error.message).toContain('http://evil.example');
  // The login form is the one body anyone may send without the token: it is limited like the rest.
  const huge = await request.post(url('/auth/login'), { form: { token: 'x'.repeat(2 * 1024 * 1024) } });
  expect(huge.status()).toBe(413);
  expect(ApiErrorSchema.parse(await huge.json()).error.code).toBe('payload_too_large');
  const crossSite = await request.get(url('/api/runs'), {
    headers: { ...auth, 'sec-fetch-site': 'cross-site' },
  });
  expect(crossSite.status()).toBe(403);
});
