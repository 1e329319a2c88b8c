import { expect, test } from '@playwright/test';
import { completedRun } from '../support/stored-runs';

test('comparing two runs shows per-strategy and per-query deltas side by side', async ({ page, request }) => {
  const a = (await completedRun(request, { warmup: 0, rttMs: 0 })).id;
  // B adds 150 ms of network round trip: every query gets slower by far more than a busy machine's
  // hiccup in A (the files beside this one run too; one median of three trials doubled a 70 ms query
  // with 50 ms), so the deltas are clearly positive.
  const b = (await completedRun(request, { warmup: 0, rttMs: 150 })).id;

  await page.goto(`/compare?a=${a}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Compare runs' })).toBeVisible();
  await expect(page.getByText('Choose two finished runs.')).toBeVisible();
  const pickB = page.getByRole('combobox', { name: 'Run B' });
  await pickB.selectOption(b);
  await expect(page).toHaveURL(new RegExp(`b=${b}`));
  // Different RTTs: the page says so before the deltas.
  await expect(page.getByRole('listitem').filter({ hasText: 'RTT: 0 ms in A, 150 ms in B' })).toBeVisible();
  // The picked run is readable in full: the select is as wide as its text.
  expect(await pickB.evaluate((s: HTMLSelectElement) => s.scrollWidth <= s.clientWidth + 1)).toBe(true);

  const strategies = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Speedup A' }) });
  const sequential = strategies.getByRole('row', { name: /^Sequential/ });
  await expect(sequential).toContainText(/\+\d+(\.\d+)? ms/);
  await expect(sequential).toContainText(/\+\d+\.\d%/);

  const queries = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Query' }) });
  for (const q of ['profile', 'orders', 'reviews', 'stats']) {
    await expect(queries.getByRole('row', { name: new RegExp(`Sequential ${q}`) })).toContainText(/\+\d/);
  }
  await expect(queries.getByRole('row')).toHaveCount(1 + 2 * 4);

  // Both runs' median trials on one time axis: the same visible range in both.
  const ranges = page.getByRole('status', { name: 'Visible time range' });
  await expect(ranges).toHaveCount(2);
  expect(await ranges.nth(0).textContent()).toBe(await ranges.nth(1).textContent());
  await expect(
    page.getByRole('region', { name: 'Run B timelines' }).getByRole('radio', { name: 'Per query' }),
  ).toBeChecked();
});

test('a finished run links to the comparison with itself preselected as A', async ({ page, request }) => {
  const a = (await completedRun(request, { warmup: 0, trials: 2, strategies: ['sequential'] })).id;
  await page.goto(`/profile?run=${a}`);
  await page.getByRole('link', { name: 'Compare with another run' }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?a=${a}`));
  await expect(page.getByRole('combobox', { name: 'Run A' })).toHaveValue(a);
});
