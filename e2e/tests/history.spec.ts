import { LoadTestRecordSchema } from '@gatherscope/shared';
import { expect, test } from '@playwright/test';
import { completedLoadTest, completedRun } from '../support/stored-runs';

test('history lists profile runs and load tests newest first, filters, searches, opens, re-runs and deletes', async ({
  page,
  request,
}) => {
  const older = await completedRun(request, { workload: 'trivial', trials: 2, warmup: 0 });
  const newer = await completedRun(request, { workload: 'slow-dashboard', trials: 2, warmup: 0 });
  const loadId = (await completedLoadTest(request)).id;

  await page.goto('/history');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  const table = page.getByRole('table');
  const rows = table.locator('tbody tr');
  const runRow = (id: string) => rows.filter({ has: page.locator(`a[href="/runs/${id}"]`) });

  // Newest first: the load test, then the slow dashboard, then the trivial run (other tests may
  // have stored runs before these).
  await expect(rows.first()).toContainText('Load test');
  const hrefs = await rows.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const mine = [`/load/${loadId}`, `/runs/${newer.id}`, `/runs/${older.id}`];
  expect(hrefs.filter((h) => mine.includes(h ?? ''))).toEqual(mine);
  expect(hrefs[0]).toBe(mine[0]);
  const slow = runRow(newer.id);
  await expect(slow).toContainText('gatherscope_demo');
  await expect(slow).toContainText('Sequential, Concurrent');
  await expect(slow).toContainText(newer.summary!.verdict);
  await expect(slow.locator('time')).toHaveAttribute('datetime', newer.createdAt);
  // The database is named, never described by a connection string.
  await expect(table).not.toContainText('postgres://');

  await page.getByLabel('Kind').selectOption('load');
  await expect(rows.locator('a[href^="/runs/"]')).toHaveCount(0);
  await expect(rows.locator(`a[href="/load/${loadId}"]`)).toHaveCount(1);
  await page.getByLabel('Kind').selectOption('profile');
  await expect(rows.locator('a[href^="/load/"]')).toHaveCount(0);
  await page.getByLabel('Kind').selectOption('all');
  // The whole workload name: a single word like "slow" can also be in a verdict ("slower").
  await page.getByLabel('Search').fill(newer.workload.name.toLowerCase());
  await expect(runRow(older.id)).toHaveCount(0);
  await expect(runRow(newer.id)).toHaveCount(1);
  for (const name of await rows.getByRole('rowheader').getByRole('link').allTextContents())
    expect(name).toBe(newer.workload.name);
  await page.getByLabel('Search').fill('no workload is called this');
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('No runs match "no workload is called this"')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expect(page.getByLabel('Search')).toHaveValue('');
  await expect(runRow(older.id)).toHaveCount(1);

  // Pick two runs for the compare page.
  const compare = page.getByRole('button', { name: /^Compare selected/ });
  await expect(compare).toBeDisabled();
  await runRow(older.id).getByRole('checkbox').check();
  await runRow(newer.id).getByRole('checkbox').check();
  await compare.click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?a=${older.id}&b=${newer.id}$`));
  await page.goBack();

  // Open: the permalink restores the run.
  await runRow(older.id).getByRole('link', { name: older.workload.name }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${older.id}$`));
  await expect(page.getByText(older.summary!.verdict)).toBeVisible();
  await page.goBack();

  // Re-run with the same settings: a new run of the same workload starts and completes.
  const before = await rows.count();
  await runRow(older.id)
    .getByRole('button', { name: /^Re-run/ })
    .click();
  await expect(page).toHaveURL(/\/runs\/[a-z0-9]+$/);
  const rerunId = page.url().split('/').at(-1)!;
  expect(rerunId).not.toBe(older.id);
  await expect(page.getByRole('heading', { level: 1, name: older.workload.name })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Completed/ })).toBeVisible({ timeout: 30_000 });
  const rerun = await (await request.get(`/api/runs/${rerunId}`)).json();
  expect(rerun.settings).toEqual(older.settings);
  expect(rerun.workload).toEqual(older.workload);

  // Delete, after a confirmation.
  await page.goto('/history');
  await expect(rows).toHaveCount(before + 1);
  const target = runRow(newer.id);
  await target.getByRole('button', { name: /^Delete/ }).click();
  await target.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(rows).toHaveCount(before);
  expect((await request.get(`/api/runs/${newer.id}`)).status()).toBe(404);

  // Load tests are re-run and deleted the same way.
  const loadRow = rows.filter({ has: page.locator(`a[href="/load/${loadId}"]`) });
  await loadRow.getByRole('button', { name: /^Re-run/ }).click();
  await expect(page).toHaveURL(/\/load\/[a-z0-9]+$/);
  const again = page.url().split('/').at(-1)!;
  expect(again).not.toBe(loadId);
  const rerunLoad = LoadTestRecordSchema.parse(await (await request.get(`/api/load-tests/${again}`)).json());
  expect(rerunLoad.settings).toEqual(
    LoadTestRecordSchema.parse(await (await request.get(`/api/load-tests/${loadId}`)).json()).settings,
  );
  await page.goto('/history');
  await loadRow.getByRole('button', { name: /^Delete/ }).click();
  await loadRow.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(loadRow).toHaveCount(0);
  expect((await request.get(`/api/load-tests/${loadId}`)).status()).toBe(404);
});

test('re-running a run imported from another Gatherscope, whose saved connection is not here, says why and where to go', async ({
  page,
  request,
}) => {
  const original = await completedRun(request, { workload: 'trivial', trials: 1, warmup: 0 });
  const exported = await (await request.get(`/api/runs/${original.id}/export.json`)).json();
  // As exported by an install that ran it on one of its own saved connections.
  exported.run.target = { kind: 'connection', id: 'conn-of-another-install' };
  const imported = await request.post('/api/runs/import', { data: exported });
  expect(imported.status(), await imported.text()).toBe(201);
  const { id } = (await imported.json()) as { id: string };

  await page.goto('/history');
  const row = page
    .getByRole('table')
    .locator('tbody tr')
    .filter({ has: page.locator(`a[href="/runs/${id}"]`) });
  await expect(row).toContainText('· imported');
  await row.getByRole('button', { name: /^Re-run/ }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('saved connection this Gatherscope does not have');
  await expect(alert).toContainText('imported from another Gatherscope');
  await expect(page).toHaveURL(/\/history$/);
  await alert.getByRole('link', { name: 'Open in the Profile form' }).click();
  await expect(page).toHaveURL(new RegExp(`/profile\\?run=${id}$`));
  // The form says the connection is missing (not "Default", which would not register as a change),
  // and choosing the default database there runs it again.
  const form = page.getByRole('form', { name: 'Run setup' });
  await expect(form.getByRole('alert')).toContainText('not on this Gatherscope');
  await form.getByRole('combobox', { name: 'Profile on' }).selectOption('default');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page).not.toHaveURL(new RegExp(`run=${id}$`));
  await expect(page.getByRole('status', { name: 'Run status' })).toContainText('Completed', {
    timeout: 45_000,
  });
});

test('a stopped run says "Stopped" before its result, and History fits an 800 px window', async ({
  page,
  request,
}) => {
  const res = await request.post('/api/runs', {
    data: { workload: 'slow-dashboard', strategies: ['sequential'], trials: 200, warmup: 0, detached: true },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = await res.json();
  await expect
    .poll(async () => (await request.post(`/api/runs/${id}/stop`)).status(), { timeout: 15_000 })
    .toBeLessThan(300);
  await expect
    .poll(async () => (await (await request.get(`/api/runs/${id}`)).json()).status, { timeout: 15_000 })
    .toBe('cancelled');

  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto('/history');
  const row = page.locator('tbody tr').filter({ has: page.locator(`a[href="/runs/${id}"]`) });
  await expect(row.locator('.history-result')).toContainText(/^Stopped/);
  // No sideways scrolling: the table fits the window.
  const widths = await page.evaluate(() => ({
    table: document.querySelector('.history-table')!.getBoundingClientRect().right,
    page: document.documentElement.scrollWidth,
  }));
  expect(widths.table).toBeLessThanOrEqual(800);
  expect(widths.page).toBeLessThanOrEqual(800);

  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Stopped' });
  await expect(row).toHaveCount(1);
  await expect(page.locator('tbody tr .history-result').filter({ hasNotText: /^Stopped/ })).toHaveCount(0);
});
