import fs from 'node:fs/promises';
import http from 'node:http';
import { formatInteger, LoadTestExportSchema, type LoadTestRecord } from '@gatherscope/shared';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { embedHostPort } from '../support/app-server';
import { completedLoadTest, PACED_THINK_MS } from '../support/stored-runs';

/**
 * The visible results table as `strategy|metric → text`, whichever way it is laid out (a row per
 * strategy when wide, a column per strategy when narrow), so two views of one test compare.
 */
async function resultCells(scope: Page | ReturnType<Page['frameLocator']>): Promise<Record<string, string>> {
  const table: Locator = scope.getByRole('table', { name: 'Results per strategy' });
  await expect(table).toBeVisible();
  return table.evaluate((t) => {
    const text = (c: Element) => (c.textContent ?? '').trim();
    const head = Array.from(t.querySelectorAll('thead th')).map(text);
    const rows = Array.from(t.querySelectorAll('tbody tr')).map((r) => Array.from(r.children).map(text));
    const byStrategy = head[0] === 'Strategy';
    const cells: Record<string, string> = {};
    for (const [rowName = '', ...values] of rows) {
      values.forEach((v, i) => {
        const colName = head[i + 1] ?? '';
        cells[byStrategy ? `${rowName}|${colName}` : `${colName}|${rowName}`] = v;
      });
    }
    return cells;
  });
}

/** Downloads what a link of the share panel gives and returns the file's text. */
async function download(page: Page, name: string, file: string): Promise<string> {
  const pending = page.waitForEvent('download');
  await page.getByRole('link', { name }).click();
  const d = await pending;
  await d.saveAs(file);
  return fs.readFile(file, 'utf8');
}

test('a load test is shared like a run: permalink with the share panel, embed, CSV, JSON (imported back) and an offline HTML report', async ({
  page,
  request,
  browser,
  baseURL,
}, testInfo) => {
  const stored: LoadTestRecord = await completedLoadTest(request, {
    workload: 'trivial',
    strategies: ['sequential', 'concurrent'],
    model: { kind: 'closed', vus: 2, thinkTimeMs: PACED_THINK_MS },
    durationS: 2,
    poolSize: 2,
  });
  try {
    await page.goto(`/load/${stored.id}`);
    await expect(page.getByRole('status', { name: 'Load test status' })).toContainText('Load test completed');
    const onPage = await resultCells(page);
    // The table shows the stored numbers: each strategy's requests as the record has them.
    for (const r of stored.results) {
      const label = r.strategy === 'sequential' ? 'Sequential' : 'Concurrent';
      expect(onPage[`${label}|Requests`]).toBe(formatInteger(r.requests));
    }
    const verdict = stored.verdict!;
    await expect(page.getByText(verdict)).toBeVisible();

    // The share panel: permalink, embed code of the load test's embed view with its advice.
    const panel = page.getByRole('region', { name: 'Share and export' });
    await expect(panel).toBeVisible();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await panel.getByRole('button', { name: 'Copy link' }).click();
    await expect(panel.getByText('Copied the link.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/load/${stored.id}`);
    const snippet = await panel.getByLabel('Embed code').inputValue();
    expect(snippet).toContain(`<iframe src="${baseURL}/embed/load/${stored.id}?theme=`);
    await expect(panel.getByText(/GATHERSCOPE_FRAME_ANCESTORS/).first()).toBeVisible();

    // The exports: the CSV's totals and the JSON's record are the stored test's numbers.
    const csv = await download(page, 'Export CSV', testInfo.outputPath('load.csv'));
    const [head, ...lines] = csv.trimEnd().split('\r\n');
    const cols = head!.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    for (const r of stored.results) {
      const total = rows.find((x) => x.scope === 'total' && x.strategy === r.strategy)!;
      expect(Number(total.requests)).toBe(r.requests);
      expect(Number(total.p95_ms)).toBeCloseTo(r.latencyMs.p95, 3);
      const seconds = rows.filter((x) => x.scope === 'second' && x.strategy === r.strategy);
      expect(seconds.length).toBe(stored.series.filter((s) => s.strategy === r.strategy).length);
    }
    const jsonFile = testInfo.outputPath('load.json');
    const json = LoadTestExportSchema.parse(JSON.parse(await download(page, 'Export JSON', jsonFile)));
    expect(json.loadTest).toEqual(stored);

    // The HTML report opens from disk with no network and shows the page's numbers, verdict and charts.
    const file = testInfo.outputPath('load.html');
    await download(page, 'Export HTML', file);
    const offline = await browser.newContext({ offline: true });
    await offline.route(/^(?!file:)/, (route) => route.abort());
    const viewer = await offline.newPage();
    const errors: string[] = [];
    viewer.on('pageerror', (e) => errors.push(e.message));
    await viewer.setViewportSize(page.viewportSize()!);
    await viewer.goto(`file://${file}`);
    await expect(viewer.getByRole('heading', { level: 1, name: stored.workload.name })).toBeVisible();
    await expect(viewer.getByText(verdict)).toBeVisible();
    expect(await resultCells(viewer)).toEqual(onPage);
    // A 2 s phase may have one full second only: its line is then a point, so the legend is what shows.
    const throughput = viewer.getByRole('figure', { name: /Throughput/ });
    await expect(throughput.getByRole('listitem').filter({ hasText: 'Concurrent' })).toBeVisible();
    await expect(throughput.locator('path[data-series="concurrent"]')).toHaveCount(1);
    await expect(
      viewer.getByRole('figure', { name: /Latency distribution/ }).locator('path[data-series="sequential"]'),
    ).toBeVisible();
    expect(errors).toEqual([]);
    await offline.close();

    // The JSON imports back (here, or into another Gatherscope) as a test with the same numbers.
    await page.goto('/history');
    await page.getByLabel('Import run or load test (JSON)').setInputFiles(jsonFile);
    await expect(page).toHaveURL(/\/load\/[a-z0-9]+$/);
    const importedId = /\/load\/([a-z0-9]+)$/.exec(page.url())![1]!;
    try {
      expect(importedId).not.toBe(stored.id);
      await expect(page.getByText(verdict)).toBeVisible();
      expect(await resultCells(page)).toEqual(onPage);
    } finally {
      expect((await request.delete(`/api/load-tests/${importedId}`)).status()).toBe(204);
    }

    // The embed view: no app chrome, the same numbers.
    await page.goto(`/embed/load/${stored.id}`);
    await expect(page.getByRole('heading', { level: 1, name: stored.workload.name })).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Start load test' })).toHaveCount(0);
    await expect(page.getByText(verdict)).toBeVisible();
    expect(await resultCells(page)).toEqual(onPage);

    // The copied embed code works on another origin allowed by GATHERSCOPE_FRAME_ANCESTORS.
    const host = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Capacity doc</title><h1>Capacity doc</h1>${snippet}`);
    });
    await new Promise<void>((resolve) => host.listen(embedHostPort(), '127.0.0.1', resolve));
    try {
      await page.goto(`http://localhost:${embedHostPort()}`);
      const frame = page.frameLocator('iframe');
      await expect(frame.getByText(verdict)).toBeVisible();
      expect(Object.keys(await resultCells(frame)).length).toBeGreaterThan(0);
      // The snippet's lines resize the frame from the embed's height messages.
      await expect
        .poll(() => page.locator('iframe').evaluate((f) => Math.round(f.getBoundingClientRect().height)))
        .not.toBe(640);
    } finally {
      host.close();
    }
  } finally {
    // Specs share one data directory: leave no test behind.
    expect((await request.delete(`/api/load-tests/${stored.id}`)).status()).toBe(204);
  }
});

test('a load test that does not exist: the embed says so and the exports answer 404', async ({
  page,
  request,
}) => {
  await page.goto('/embed/load/nosuchtest1');
  await expect(page.getByRole('alert')).toHaveText(
    'This load test does not exist any more on this Gatherscope.',
  );
  const res = await request.get('/api/load-tests/nosuchtest1/export.csv');
  expect(res.status()).toBe(404);
  expect((await res.json()).error.message).toBe('There is no load test with id "nosuchtest1".');
});
