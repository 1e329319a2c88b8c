import fs from 'node:fs/promises';
import { medianTrialNumber, RunExportSchema } from '@gatherscope/shared';
import { expect, type Page, test } from '@playwright/test';
import { completedRun } from '../support/stored-runs';

/** The statistics table as text rows: what a reader compares between two views of one run. */
async function statsRows(page: Page): Promise<string[][]> {
  const table = page.getByRole('table', { name: 'Statistics per strategy' });
  await expect(table).toBeVisible();
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('th,td')).map((c) => (c.textContent ?? '').trim())),
    );
}

test('the HTML export opens from disk with no network and shows the timeline, tooltips and zoom', async ({
  page,
  request,
  browser,
}, testInfo) => {
  const run = await completedRun(request);
  await page.goto(`/runs/${run.id}`);
  const appStats = await statsRows(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export HTML' }).click();
  const file = testInfo.outputPath('run.html');
  await (await download).saveAs(file);

  const offline = await browser.newContext({ offline: true });
  const requests: string[] = [];
  offline.on('request', (r) => requests.push(r.url()));
  await offline.route(/^(?!file:)/, (route) => route.abort());
  const viewer = await offline.newPage();
  const errors: string[] = [];
  viewer.on('pageerror', (e) => errors.push(e.message));
  await viewer.goto(`file://${file}`);
  await expect(viewer.getByRole('heading', { level: 1, name: run.workload.name })).toBeVisible();
  await expect(viewer.getByText(run.summary!.verdict)).toBeVisible();
  expect(await statsRows(viewer)).toEqual(appStats);
  // No number breaks inside ("335 / ms"), even in a narrow window: the table scrolls instead. A
  // speedup's interval is its own element and may go under the speedup; each piece stays whole.
  await viewer.setViewportSize({ width: 560, height: 720 });
  const wrapped = await viewer
    .getByRole('table', { name: 'Statistics per strategy' })
    .locator('tbody td')
    .evaluateAll((tds) =>
      tds
        .flatMap((td) => {
          const parts: Element[] = Array.from(td.querySelectorAll('span, strong'));
          return parts.length > 0 ? parts : [td as Element];
        })
        .filter((c) => {
          const range = document.createRange();
          range.selectNodeContents(c);
          const tops = Array.from(range.getClientRects()).map((r) => r.top);
          return Math.max(...tops) - Math.min(...tops) > 8;
        })
        .map((c) => c.textContent),
    );
  expect(wrapped).toEqual([]);
  await viewer.setViewportSize({ width: 1280, height: 720 });

  // The app's own timeline: a panel per strategy, a bar per span, the tooltip of the Run page.
  const bars = viewer.locator('.tl-bar');
  await expect(bars).toHaveCount(run.workload.queries.length * run.settings.strategies.length);
  await bars.first().hover();
  const tip = viewer.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(run.workload.queries[0]!.id);
  await expect(tip).toContainText('start → end');
  // Keyboard users get the same details.
  await viewer.mouse.move(0, 0);
  await expect(tip).toBeHidden();
  await bars.last().focus();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(run.workload.queries.at(-1)!.id);
  const range = viewer.getByRole('status', { name: 'Visible time range' });
  const whole = (await range.textContent())!;
  expect(whole).toMatch(/^[\d.]+ ms – [\d.]+ ms$/);
  await viewer.getByRole('button', { name: 'Zoom in' }).click();
  await expect(range).not.toHaveText(whole);
  await viewer.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(range).toHaveText(whole);

  // Rows per backend connection: the sequential strategy's queries share one connection.
  await viewer.getByRole('radio', { name: 'Per connection' }).check();
  const sequentialRows = viewer.getByRole('list', { name: 'Sequential rows' }).getByRole('listitem');
  await expect(sequentialRows).toHaveCount(1);
  await expect(sequentialRows.first()).toHaveText(/^pid \d+$/);
  await viewer.getByRole('radio', { name: 'Per query' }).check();

  // Another trial: the panels, their wall-time markers and tooltips follow it.
  const seq = run.trials.filter((t) => t.strategy === 'sequential' && !t.warmup);
  const median = medianTrialNumber(run.trials, 'sequential')!;
  const other = seq.filter((t) => t.trial !== median).sort((a, b) => b.wallMs - a.wallMs)[0]!;
  const picker = viewer.getByRole('combobox', { name: 'Trial' });
  await expect(picker).toHaveValue('median');
  await expect(picker.getByRole('option')).toHaveText([
    'median trial',
    'all trials overlaid',
    ...run.trials
      .filter((t) => t.strategy === 'sequential')
      .sort((a, b) => a.trial - b.trial)
      .map((t) => `trial ${t.trial}${t.warmup ? ' (warm-up)' : ''}`),
  ]);
  const sequentialTitle = viewer.locator('.tl-panel-title').filter({ hasText: 'Sequential' });
  await expect(sequentialTitle).toContainText(`· trial ${median}`);
  await picker.selectOption({ label: `trial ${other.trial}` });
  const caption = sequentialTitle.locator('.tl-panel-sub');
  await expect(caption).toHaveText(new RegExp(`^[\\d.]+ ms · trial ${other.trial}$`));
  const wallText = /^([\d.]+ ms)/.exec((await caption.textContent()) ?? '')![1]!;
  expect(Math.abs(Number.parseFloat(wallText) - other.wallMs)).toBeLessThanOrEqual(0.5);
  const sequentialPlot = viewer.getByRole('region', { name: 'Sequential timeline' });
  await expect(sequentialPlot.locator('.tl-marker-label.tl-marker-wall')).toHaveAttribute(
    'title',
    `wall ${wallText}`,
  );
  await sequentialPlot.locator('.tl-bar').first().hover();
  await expect(tip).toContainText(`trial ${other.trial}`);
  const firstSpan = other.spans.find((s) => s.queryId === run.workload.queries[0]!.id)!;
  const shownDuration = Number(/ · ([\d.]+) ms · trial/.exec((await tip.textContent()) ?? '')![1]);
  expect(Math.abs(shownDuration - (firstSpan.end - firstSpan.start))).toBeLessThanOrEqual(0.5);
  await viewer.mouse.move(0, 0);

  // Every measured trial's wall time, as on the Run page.
  const dist = viewer.getByRole('figure', { name: 'Wall time of every successful trial' });
  await expect(
    dist.getByRole('img', { name: new RegExp(`^Sequential: ${seq.length} trials`) }),
  ).toBeVisible();
  await expect(dist.getByRole('img', { name: /^Sequential/ }).locator('circle')).toHaveCount(seq.length);

  // The picker is a native select: the keyboard moves it back to the median trial.
  await picker.focus();
  await viewer.keyboard.press('Home');
  await expect(picker).toHaveValue('median');
  await expect(sequentialTitle).toContainText(`· trial ${median}`);

  expect(errors).toEqual([]);
  expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  await offline.close();
});

test('an exported JSON imported again shows the same numbers', async ({ page, request }, testInfo) => {
  const run = await completedRun(request);
  await page.goto(`/runs/${run.id}`);
  const original = await statsRows(page);
  expect(original.length).toBe(2);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export JSON' }).click();
  const file = testInfo.outputPath('run.json');
  await (await download).saveAs(file);
  expect(RunExportSchema.parse(JSON.parse(await fs.readFile(file, 'utf8'))).run.id).toBe(run.id);

  await page.goto('/history');
  await page.getByLabel('Import run or load test (JSON)').setInputFiles(file);
  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  const importedId = page.url().split('/').at(-1)!;
  expect(importedId).not.toBe(run.id);
  await expect(page.getByRole('heading', { level: 1, name: run.workload.name })).toBeVisible();
  expect(await statsRows(page)).toEqual(original);
});

test('CSV, OTLP, SVG and PNG exports download real content', async ({ page, request }, testInfo) => {
  const run = await completedRun(request, { workload: 'trivial', trials: 2, warmup: 0 });
  await page.goto(`/runs/${run.id}`);
  const save = async (role: 'link' | 'button', name: string, file: string) => {
    const download = page.waitForEvent('download');
    await page.getByRole(role, { name }).click();
    const path = testInfo.outputPath(file);
    await (await download).saveAs(path);
    return fs.readFile(path);
  };
  const spans = run.trials.reduce((n, t) => n + t.spans.length, 0);
  const csv = (await save('link', 'Export CSV', 'spans.csv')).toString('utf8').trim().split('\r\n');
  expect(csv[0]).toMatch(/^run_id,strategy,trial,warmup,query_id,start_ms,end_ms,duration_ms/);
  expect(csv).toHaveLength(1 + spans);
  const otlp = JSON.parse((await save('link', 'Export OTLP', 'trace.otlp.json')).toString('utf8'));
  expect(otlp.resourceSpans[0].scopeSpans[0].spans.length).toBe(spans + run.trials.length);
  const svg = (await save('button', 'Export SVG', 'timeline.svg')).toString('utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  // The image is the timeline's own drawing: its bars, and its panel titles ("12.3 ms · trial 0").
  expect(svg.match(/class="tl-bar"/g)?.length).toBe(run.workload.queries.length * 2);
  expect(svg.match(/>[\d.]+ ms · trial \d+</g)).toHaveLength(2);
  // The image draws the trial the page's timelines show.
  await page.getByRole('combobox', { name: 'Trial' }).selectOption({ label: 'trial 1' });
  const chosen = (await save('button', 'Export SVG', 'timeline-trial-1.svg')).toString('utf8');
  expect(chosen.match(/>[\d.]+ ms · trial 1</g)).toHaveLength(2);
  expect(chosen).toContain(`${run.workload.queries[0]!.id} · Concurrent · trial 1`);
  const png = await save('button', 'Export PNG', 'timeline.png');
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.readUInt32BE(16)).toBe(2400);
});
