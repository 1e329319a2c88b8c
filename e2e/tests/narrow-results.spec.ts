import { expect, type Page, test } from '@playwright/test';
import { completedLoadTest, completedRun } from '../support/stored-runs';

/** How far a table reaches past its box (0: it fits), and whether the page scrolls sideways. */
const overflow = (page: Page, name: string) =>
  page.getByRole('table', { name }).evaluate((t) => ({
    table: t.getBoundingClientRect().right - (t.parentElement as HTMLElement).getBoundingClientRect().right,
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));

test('at 800 px the load results and the run statistics show every column without sideways scrolling', async ({
  page,
  request,
}) => {
  const run = await completedRun(request, {
    strategies: ['sequential', 'concurrent', 'bounded', 'dependency-aware', 'single-connection'],
  });
  // Unpaced: as many requests as the machine serves, so the counts and rates are as wide as a real
  // test's and the columns are measured with them.
  const load = await completedLoadTest(request, { model: { kind: 'closed', vus: 2 } });
  await page.setViewportSize({ width: 800, height: 900 });

  await page.goto(`/load/${load.id}`);
  const results = page.getByRole('table', { name: 'Results per strategy' });
  await expect(results).toBeVisible();
  const l = await overflow(page, 'Results per strategy');
  expect(l.table).toBeLessThanOrEqual(0);
  expect(l.page).toBe(0);
  for (const metric of ['Errors', 'Dropped', 'Pool use', 'Wait for a connection']) {
    const cell = results
      .getByRole('row', { name: new RegExp(`^${metric}`) })
      .getByRole('cell')
      .last();
    await expect(cell).toBeVisible();
    const box = await cell.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(800);
  }

  await page.goto(`/runs/${run.id}`);
  const stats = page.getByRole('table', { name: 'Statistics per strategy' });
  await expect(stats).toBeVisible();
  const o = await overflow(page, 'Statistics per strategy');
  expect(o.table).toBeLessThanOrEqual(0);
  expect(o.page).toBe(0);
  const failed = await stats.getByRole('columnheader', { name: /Failed/ }).boundingBox();
  expect(failed!.x + failed!.width).toBeLessThanOrEqual(800);
});
