import { readFile } from 'node:fs/promises';
import type { LoadTestRequest } from '@gatherscope/shared';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { completedLoadTest, PACED_THINK_MS } from '../support/stored-runs';

/** Clicks a download button and returns the file's name and text. */
async function download(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('two load tests picked in History open side by side, with what differs between their settings', async ({
  page,
  request,
}) => {
  const settings: Partial<LoadTestRequest> = {
    workload: 'user-dashboard',
    strategies: ['sequential', 'concurrent'],
    durationS: 2,
  };
  // The same think time in both (so it is no difference between them): the page compares what was
  // measured, whatever the rate.
  const a = await completedLoadTest(request, {
    ...settings,
    model: { kind: 'closed', vus: 2, thinkTimeMs: PACED_THINK_MS },
    poolSize: 2,
  });
  const b = await completedLoadTest(request, {
    ...settings,
    model: { kind: 'closed', vus: 4, thinkTimeMs: PACED_THINK_MS },
    poolSize: 4,
    statementMode: 'prepared',
  });
  try {
    await page.goto('/history');
    const rows = page.getByRole('table').getByRole('row');
    const row = (id: string) => rows.filter({ has: page.locator(`a[href="/load/${id}"]`) });
    // The filters find load tests: by kind, and by their settings in words.
    await page.getByLabel('Kind').selectOption('load');
    await expect(row(a.id)).toHaveCount(1);
    await expect(rows.locator('a[href^="/runs/"]')).toHaveCount(0);
    await page.getByLabel('Search').fill('4 virtual users pool 4 prepared');
    await expect(row(b.id)).toHaveCount(1);
    await expect(row(a.id)).toHaveCount(0);
    await page.getByLabel('Search').fill('load test user-dashboard');
    await row(a.id).getByRole('checkbox').check();
    await row(b.id).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Compare selected (2/2)' }).click();

    await expect(page).toHaveURL(new RegExp(`/compare/load\\?a=${a.id}&b=${b.id}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Compare load tests' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Load test A' })).toHaveValue(a.id);
    await expect(page.getByRole('combobox', { name: 'Load test B' })).toHaveValue(b.id);
    for (const line of [
      'load model: closed, 2 virtual users in A, closed, 4 virtual users in B',
      'pool size: 2 in A, 4 in B',
      'statement mode: extended in A, prepared in B',
    ]) {
      await expect(page.getByRole('listitem').filter({ hasText: line })).toBeVisible();
    }
    for (const name of ['Sequential', 'Concurrent']) {
      const table = page.getByRole('table', { name: `${name}: A against B` });
      const throughput = table.getByRole('row', { name: /^Throughput/ });
      // Both tests' own numbers, measured: a rate in A and in B.
      await expect(throughput.getByRole('cell').nth(0)).toHaveText(/^[\d.,]+ req\/s$/);
      await expect(throughput.getByRole('cell').nth(1)).toHaveText(/^[\d.,]+ req\/s$/);
      await expect(
        table
          .getByRole('row', { name: /^Latency p95/ })
          .getByRole('cell')
          .nth(0),
      ).toHaveText(/ ms$/);
      // Two seconds a test are too few to call a delta meaningful: the page says so, no verdict.
      await expect(throughput.getByRole('cell').nth(4)).toHaveText(/^too few full seconds to tell/);
    }
    const overlay = page.getByRole('figure', { name: /Throughput, A and B/ });
    await expect(overlay.getByRole('listitem').filter({ hasText: 'Sequential · A' })).toBeVisible();
    await expect(overlay.getByRole('listitem').filter({ hasText: 'Sequential · B' })).toBeVisible();

    // From a test's own page: compare it with another, preselected as A.
    await page.goto(`/load/${a.id}`);
    await page.getByRole('link', { name: 'Compare with another load test…' }).click();
    await expect(page).toHaveURL(new RegExp(`/compare/load\\?a=${a.id}$`));
    await expect(page.getByRole('combobox', { name: 'Load test A' })).toHaveValue(a.id);
    await expect(page.getByText('Choose two finished load tests.')).toBeVisible();
  } finally {
    for (const t of [a, b]) await request.delete(`/api/load-tests/${t.id}`);
  }
});

test("a load test's workload and settings download as pgbench and k6 scripts", async ({ page, request }) => {
  const t = await completedLoadTest(request, {
    workload: 'user-dashboard',
    strategies: ['sequential'],
    model: { kind: 'closed', vus: 2, thinkTimeMs: PACED_THINK_MS },
    durationS: 2,
    poolSize: 2,
  });
  try {
    await page.goto(`/load/${t.id}`);
    const finished = page.getByRole('group', { name: 'Export this test for pgbench / k6' });
    const pgbench = await download(page, finished.getByRole('button', { name: 'Download pgbench script' }));
    expect(pgbench.name).toBe('user-dashboard.sql');
    expect(pgbench.text).toContain('-- Gatherscope workload "user-dashboard" as a pgbench script');
    expect(pgbench.text).toMatch(/-- Run: pgbench .*-M extended -c 2 .*-T 2/);
    const k6 = await download(page, finished.getByRole('button', { name: 'Download k6 script' }));
    expect(k6.name).toBe('user-dashboard.js');
    expect(k6.text).toContain("import sql from 'k6/x/sql';");
    expect(k6.text).toContain('constant-vus');

    // What a script cannot express is the server's typed error, shown at the control.
    await finished.getByRole('combobox').selectOption('pipelined');
    await finished.getByRole('button', { name: 'Download k6 script' }).click();
    await expect(finished.getByRole('alert')).toContainText('k6 (xk6-sql) sends one statement at a time');
    await expect(finished.getByRole('alert')).toContainText('Choose pgbench for the pipelined strategy.');

    // The form's export follows the form as it stands, before any test runs.
    await page.goto('/load');
    const form = page.getByRole('form', { name: 'Load test settings' });
    await form.getByRole('spinbutton', { name: 'Virtual users' }).fill('3');
    await form.getByRole('combobox', { name: 'Statement mode (your driver)' }).selectOption('prepared');
    const fromForm = await download(
      page,
      form
        .getByRole('group', { name: 'Export for pgbench / k6' })
        .getByRole('button', { name: 'Download pgbench script' }),
    );
    expect(fromForm.text).toMatch(/-- Run: pgbench .*-M prepared -c 3 /);
  } finally {
    await request.delete(`/api/load-tests/${t.id}`);
  }
});
