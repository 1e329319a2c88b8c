import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatSpeedup } from '@gatherscope/shared';
import { expect, test } from '@playwright/test';
import { embedHostPort } from '../support/app-server';
import { completedRun } from '../support/stored-runs';

/** Serves one HTML page on another loopback origin, like a wiki page that embeds a run. */
async function hostPage(html: string, port: number): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

const recorder = `<script>window.messages=[];addEventListener('message',function(e){window.messages.push({origin:e.origin,data:e.data})})</script>`;

test('a page on another origin embeds a run with the copied embed code and learns its height', async ({
  page,
  request,
  baseURL,
}) => {
  const run = await completedRun(request);
  await page.goto(`/runs/${run.id}`);
  await expect(page.getByRole('heading', { level: 1, name: run.workload.name })).toBeVisible();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(page.getByText('Copied the embed code.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.getByLabel('Embed code').inputValue());
  await page.getByLabel('Theme of the embed and images').selectOption('dark');
  const snippet = await page.getByLabel('Embed code').inputValue();
  expect(snippet).toContain('?theme=dark');
  expect(snippet).toContain(`${baseURL}/embed/runs/${run.id}?theme=`);

  const port = embedHostPort();
  const server = await hostPage(
    `<!doctype html><title>Design doc</title><h1>Design doc</h1>${recorder}${snippet}`,
    port,
  );
  try {
    const hostOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
    await page.goto(hostOrigin);
    const frame = page.frameLocator('iframe');
    // Only the timelines and the summary: no navigation, no run form.
    await expect(frame.getByText(run.summary!.verdict)).toBeVisible();
    await expect(frame.getByRole('application', { name: /Timelines/ })).toBeVisible();
    await expect(frame.getByRole('navigation')).toHaveCount(0);
    await expect(frame.getByRole('button', { name: /^Run/ })).toHaveCount(0);
    await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');

    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as { messages: { data: { type?: string } }[] }).messages.map((m) => m.data.type),
        ),
      )
      .toContain('ready');
    const messages = await page.evaluate(
      () =>
        (
          window as unknown as {
            messages: { origin: string; data: { type: string; runId: string; height: number } }[];
          }
        ).messages,
    );
    for (const m of messages) {
      expect(m.origin).toBe(baseURL);
      expect(m.data.runId).toBe(run.id);
    }
    // Ready first, once, when the run is drawn (by then taller than a loading line); then heights.
    expect(messages.map((m) => m.data.type)).toEqual(['ready', ...messages.slice(1).map(() => 'height')]);
    expect(messages[0]!.data.height).toBeGreaterThan(300);
    // The snippet's own few lines resize the frame to the last height the embed reported.
    const last = messages.at(-1)!.data.height;
    await expect
      .poll(() => page.locator('iframe').evaluate((f) => Math.round(f.getBoundingClientRect().height)))
      .toBe(last);
    // Sized to the frame's width: nothing scrolls sideways.
    const widths = await frame
      .locator('main')
      .evaluate((m) => ({ scroll: m.scrollWidth, client: m.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client + 1);
  } finally {
    server.close();
  }
});

test('an embed of a run that does not exist tells the host page why, instead of never saying ready', async ({
  page,
  baseURL,
}) => {
  const server = await hostPage(
    `<!doctype html><h1>Old doc</h1>${recorder}<iframe src="${baseURL}/embed/runs/no-such-run" title="run"></iframe>`,
    embedHostPort(),
  );
  try {
    await page.goto(`http://localhost:${embedHostPort()}`);
    await expect(page.frameLocator('iframe').getByRole('alert')).toHaveText(
      'This run does not exist any more on this Gatherscope.',
    );
    const first = () =>
      page.evaluate(
        () => (window as unknown as { messages: { origin: string; data: unknown }[] }).messages[0],
      );
    await expect.poll(first).toBeDefined();
    expect(await first()).toEqual({
      origin: baseURL,
      data: {
        source: 'gatherscope',
        type: 'error',
        runId: 'no-such-run',
        message: 'This run does not exist any more on this Gatherscope.',
        height: expect.any(Number),
      },
    });
  } finally {
    server.close();
  }
});

test('in a 420 px frame the summary fits: no sideways scroll, the speedup in view', async ({
  page,
  request,
}) => {
  // All five strategies: the longest names the table has to fit.
  const run = await completedRun(request, {
    workload: 'trivial',
    strategies: ['sequential', 'concurrent', 'bounded', 'dependency-aware', 'single-connection'],
    trials: 3,
    warmup: 0,
  });
  const concurrent = run.summary!.strategies.find((s) => s.strategy === 'concurrent')!;
  const speedup = concurrent.speedup!.estimate;
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(`/embed/runs/${run.id}`);
  const row = page.getByRole('row', { name: /^Concurrent/ });
  // The verdict above can be long (noise advice): scroll down to the table, never sideways.
  await row.scrollIntoViewIfNeeded();
  await expect(row.getByText(formatSpeedup(speedup), { exact: true })).toBeInViewport({
    ratio: 1,
  });
  await page.getByRole('columnheader', { name: /Speedup vs sequential/ }).scrollIntoViewIfNeeded();
  await expect(page.getByRole('columnheader', { name: /Speedup vs sequential/ })).toBeInViewport({
    ratio: 1,
  });
  // Neither the page nor any scrolling box inside it is wider than the frame.
  const overflowing = await page.evaluate(() => {
    const scrollers = Array.from(document.querySelectorAll('main.embed *')).filter((el) =>
      ['auto', 'scroll'].includes(getComputedStyle(el).overflowX),
    );
    return [document.documentElement, document.querySelector('main.embed')!, ...scrollers]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  });
  expect(overflowing).toEqual([]);
});

test('only the allowed origins may frame the embed view, and no other page may be framed', async ({
  request,
  baseURL,
}) => {
  const run = await completedRun(request, { workload: 'trivial', trials: 1, warmup: 0 });
  const embed = await request.get(`/embed/runs/${run.id}`);
  expect(embed.headers()['content-security-policy']).toContain(
    `frame-ancestors 'self' http://localhost:${embedHostPort()}`,
  );
  expect(embed.headers()['x-frame-options']).toBeUndefined();
  const other = await request.get('/history');
  expect(other.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:/);
});

test('a page on an origin that is not allowed cannot frame the embed view', async ({
  page,
  request,
  baseURL,
}) => {
  const run = await completedRun(request, { workload: 'trivial', trials: 1, warmup: 0 });
  // Same port, but 127.0.0.1 instead of localhost: another origin, not in the allow-list.
  const server = await hostPage(
    `<!doctype html><h1>Elsewhere</h1>${recorder}<iframe src="${baseURL}/embed/runs/${run.id}" title="run"></iframe>`,
    embedHostPort(),
  );
  try {
    await page.goto(`http://127.0.0.1:${embedHostPort()}`);
    await expect(page.getByRole('heading', { name: 'Elsewhere' })).toBeVisible();
    // Chromium replaces a refused frame with an error page: the embed never runs, never says ready.
    await page.waitForTimeout(3000);
    expect(await page.evaluate(() => (window as unknown as { messages: unknown[] }).messages)).toEqual([]);
  } finally {
    server.close();
  }
});

test('the share panel says which sites may show the embed, and what to set for another one', async ({
  page,
  request,
}) => {
  const run = await completedRun(request);
  await page.goto(`/runs/${run.id}`);
  await expect(
    page.getByText(`Sites that may show this embed: http://localhost:${embedHostPort()}`),
  ).toBeVisible();
  const where = page.getByRole('textbox', { name: 'Page you will paste it into' });
  await where.fill(`http://localhost:${embedHostPort()}/wiki/page`);
  await expect(page.getByText(`✓ http://localhost:${embedHostPort()} may show this embed.`)).toBeVisible();
  await where.fill('https://wiki.example.com/design-doc');
  await expect(page.getByRole('status').filter({ hasText: 'may not show this embed' })).toContainText(
    `GATHERSCOPE_FRAME_ANCESTORS="http://localhost:${embedHostPort()} https://wiki.example.com"`,
  );
});
