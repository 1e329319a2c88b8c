import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { completedLoadTest, completedRun } from '../support/stored-runs';

// WCAG 2.1 levels A and AA, as axe-core checks them: names, roles, labels, contrast, structure.
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${n.any[0]?.message ?? n.failureSummary ?? v.help}`),
  );
}

test('every page passes WCAG 2.1 AA checks (axe-core) in the light and the dark theme', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const run = await completedRun(request, { strategies: ['sequential', 'concurrent', 'bounded'] });
  const load = await completedLoadTest(request);
  const pages: { path: string; ready: (page: Page) => Promise<void> }[] = [
    {
      // With the SQL editor open (its syntax colours are text too), the draft's controls, the run's
      // limits, a query's check result and a parameter reading a dependency's columns.
      path: '/profile',
      ready: async (page) => {
        await page.getByRole('button', { name: 'Edit a copy' }).click();
        await expect(page.getByRole('textbox', { name: /SQL/ }).first()).toBeVisible();
        await expect(page.getByRole('button', { name: 'Discard draft' })).toBeVisible();
        await page.getByText('Advanced: limits of this run').click();
        await expect(page.getByRole('spinbutton', { name: 'Row cap (rows)' })).toBeVisible();
        await page.getByRole('checkbox', { name: 'reviews depends on profile' }).check();
        await page.getByRole('combobox', { name: 'reviews $1 kind' }).selectOption('ref');
        await page.getByRole('button', { name: 'Check SQL' }).click();
        await expect(page.getByRole('combobox', { name: 'reviews $1 column' })).toBeVisible();
      },
    },
    {
      // A query marked with the database's message; the draft of the page before is still open.
      path: '/profile',
      ready: async (page) => {
        await page.getByRole('textbox', { name: 'Query 1 SQL' }).click();
        await page.keyboard.press('ControlOrMeta+a');
        await page.keyboard.type('SELECT nope FROM users WHERE id = $1');
        await page.getByRole('button', { name: 'Check SQL' }).click();
        await expect(page.getByText('column "nope" does not exist')).toBeVisible();
      },
    },
    {
      path: '/load',
      ready: (page) => expect(page.getByRole('button', { name: 'Start load test' })).toBeVisible(),
    },
    { path: `/load/${load.id}`, ready: (page) => expect(page.getByRole('table').first()).toBeVisible() },
    {
      path: `/embed/load/${load.id}`,
      ready: (page) => expect(page.getByRole('table').first()).toBeVisible(),
    },
    { path: '/matrix', ready: (page) => expect(page.getByRole('table').first()).toBeVisible() },
    {
      path: '/history',
      ready: (page) => expect(page.getByRole('link', { name: run.workload.name }).first()).toBeVisible(),
    },
    { path: `/runs/${run.id}`, ready: (page) => expect(page.getByText(run.summary!.verdict)).toBeVisible() },
    {
      path: `/embed/runs/${run.id}`,
      ready: (page) => expect(page.getByText(run.summary!.verdict)).toBeVisible(),
    },
    {
      path: `/compare?a=${run.id}&b=${run.id}`,
      ready: (page) => expect(page.getByRole('table').first()).toBeVisible(),
    },
    {
      path: `/compare/load?a=${load.id}&b=${load.id}`,
      ready: (page) => expect(page.getByRole('table').first()).toBeVisible(),
    },
  ];
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    // A fresh context each time: no page's code or styles are left over from another.
    const context = await browser.newContext({ colorScheme: theme });
    for (const p of pages) {
      const page = await context.newPage();
      await page.goto(`${p.path}${p.path.includes('?') ? '&' : '?'}theme=${theme}`);
      await p.ready(page);
      for (const v of await violations(page)) found.push(`${theme} ${p.path}: ${v}`);
      await page.close();
    }
    await context.close();
  }
  expect(found, found.join('\n')).toEqual([]);
});

test('the theme toggle keeps its name; its pressed state says whether the dark theme is on', async ({
  page,
}) => {
  await page.goto('/profile?theme=light');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await toggle.click();
});
