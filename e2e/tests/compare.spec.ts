import { CreatedRunSchema, RunRecordSchema, type RunRequest } from '@gatherscope/shared';
import { type APIRequestContext, expect, test } from '@playwright/test';

/** A short, real run through the API on the demo database; resolves once it is stored. */
async function finishedRun(request: APIRequestContext, overrides: Partial<RunRequest>): Promise<string> {
  const body: RunRequest = {
    workload: 'slow-dashboard',
    strategies: ['sequential', 'concurrent'],
    trials: 3,
    warmup: 0,
    detached: true,
    ...overrides,
  };
  const res = await request.post('/api/runs', { data: body });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = CreatedRunSchema.parse(await res.json());
  await expect
    .poll(async () => RunRecordSchema.parse(await (await request.get(`/api/runs/${id}`)).json()).status, {
      timeout: 45_000,
      intervals: [250, 500, 1000],
    })
    .toBe('completed');
  return id;
}

test('comparing two runs shows per-strategy and per-query deltas side by side', async ({ page, request }) => {
  const a = await finishedRun(request, { rttMs: 0 });
  // B adds 20 ms of network round trip: every query gets slower, so the deltas are clearly positive.
  const b = await finishedRun(request, { rttMs: 20 });

  await page.goto(`/compare?a=${a}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Compare runs' })).toBeVisible();
  await expect(page.getByText('Choose two finished runs.')).toBeVisible();
  const pickB = page.getByRole('combobox', { name: 'Run B' });
  await pickB.selectOption(b);
  await expect(page).toHaveURL(new RegExp(`b=${b}`));

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
  const a = await finishedRun(request, { trials: 2, strategies: ['sequential'] });
  await page.goto(`/profile?run=${a}`);
  await page.getByRole('link', { name: 'Compare with another run' }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?a=${a}`));
  await expect(page.getByRole('combobox', { name: 'Run A' })).toHaveValue(a);
});
