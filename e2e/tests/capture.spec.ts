import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { useExampleApp } from '../support/example-app';

const repo = path.resolve(import.meta.dirname, '../..');
const startExampleApp = useExampleApp();

/** WCAG 2.1 AA violations axe-core finds on the page as it is now. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${v.help}`));
}

test('capture the example app: five grouped requests, a request timeline, and the top endpoint measured', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/capture');
  await expect(page.getByRole('heading', { level: 1, name: 'Capture' })).toBeVisible();
  await page.getByRole('button', { name: 'Start capture' }).click();
  await expect(page).toHaveURL(/\/capture\/[a-z0-9]+$/);
  const url = page.getByRole('textbox', { name: 'Database URL for the app' });
  await expect(url).toHaveValue(/^postgres:\/\/.+@127\.0\.0\.1:\d+\/gatherscope_demo$/);
  await expect(page.getByText(/Writes pass through/)).toBeVisible();

  const base = await startExampleApp(await url.inputValue());
  for (const user of [31, 32, 33, 34, 35]) {
    const res = await fetch(`${base}/dashboard?user=${user}`);
    expect(res.status).toBe(200);
  }
  const group = page.getByRole('region', { name: 'Endpoint /dashboard' });
  await expect(group.getByRole('heading')).toHaveText(
    /\/dashboard · 5 requests · median .+ ms · 5 statements, all serial/,
  );
  await expect(group.getByRole('row')).toHaveCount(6);

  await group
    .getByRole('button', { name: /^Open request/ })
    .first()
    .click();
  const request = page.getByRole('region', { name: /^Request / });
  await expect(request.getByText(/with a statement running in the database/)).toBeVisible();
  // The existing timeline: one bar per statement, the panel named for what it is.
  await expect(request.getByRole('region', { name: 'As captured timeline' })).toBeVisible();
  await expect(request.locator('g.tl-bar[data-query]')).toHaveCount(5);

  await page.getByRole('button', { name: 'Stop capture' }).click();
  await expect(page.getByRole('link', { name: 'Export JSON (redacted)' })).toBeVisible();

  // What would gathering buy: the dependencies with their reasons, editable.
  await request.getByRole('button', { name: 'What would gathering buy?' }).click();
  const gathering = page.getByRole('region', { name: 'What would gathering buy?' });
  await expect(gathering.getByText(/orders uses \d+, returned by users\.id/)).toBeVisible();
  await expect(gathering.getByText(/Predicted saving:/)).toBeVisible();
  const edges = gathering.getByRole('listitem');
  const inferred = await edges.count();
  await gathering
    .getByRole('button', { name: /^Remove dependency/ })
    .first()
    .click();
  await expect(edges).toHaveCount(inferred - 1);

  await page.getByRole('button', { name: 'Endpoints', exact: true }).click();
  const ranked = page.getByRole('region', { name: 'Endpoints' });
  await expect(ranked.getByRole('row', { name: /^\/dashboard/ })).toBeVisible();
  await ranked.getByRole('button', { name: 'Measure /dashboard' }).click();
  const measured = page.getByRole('region', { name: 'Measurement of /dashboard' });
  await expect(measured.getByText('Predicted saving')).toBeVisible();
  await expect(measured.getByText(/per request \(sequential .+ → dependency-aware .+\)/)).toBeVisible({
    timeout: 60_000,
  });
  await expect(measured.getByText('Prediction error')).toBeVisible();
  // The replay is an ordinary run: its timelines, one panel per strategy.
  await expect(measured.getByRole('region', { name: 'Dependency-aware timeline' })).toBeVisible();
  await expect(measured.getByRole('link', { name: /^[a-z0-9]+$/ })).toHaveAttribute('href', /^\/runs\//);

  // Kept in History beside runs.
  await page.goto('/history');
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('capture');
  await expect(page.getByRole('link', { name: 'Capture · /dashboard' }).first()).toBeVisible();
});

test('an imported OTLP trace opens in the same views, saying its dependencies come from timing only', async ({
  page,
}) => {
  await page.goto('/capture');
  await page
    .getByLabel('Import trace (OTLP or Jaeger JSON)')
    .setInputFiles(path.join(repo, 'server/test/fixtures/traces/shop.otlp.json'));
  await expect(page).toHaveURL(/\/capture\/[a-z0-9]+$/);
  await expect(
    page.getByRole('heading', { level: 1, name: /Imported trace shop\.otlp\.json/ }),
  ).toBeVisible();
  await expect(page.getByText(/dependencies come from timing and SQL only/)).toBeVisible();
  await page
    .getByRole('button', { name: /^Open request/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'What would gathering buy?' }).click();
  await expect(page.getByText(/Predicted saving:/)).toBeVisible();
  await expect(page.getByText(/Dependencies from timing and SQL only/)).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.goto('/capture');
  await expect(page.getByRole('button', { name: 'Start capture' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
