import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { completedLoadTest, completedRun } from '../support/stored-runs';

// WCAG 2.1 levels A and AA, as axe-core checks them: names, roles, labels, contrast, structure.
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// What a theme can change. The themes differ only in CSS custom properties (colours) and
// `color-scheme` on <html data-theme> (web/src/styles.css), and in the toggle's aria-pressed: so the
// dark theme is checked for contrast, for links told apart from text by colour, and for the ARIA
// attributes the toggle's state sets. Everything else is the same markup, checked in the light theme.
const THEME_RULES = ['color-contrast', 'link-in-text-block', 'aria-allowed-attr', 'aria-valid-attr-value'];

async function violations(page: Page, rules?: string[]): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const result = await (rules ? axe.withRules(rules) : axe.withTags(WCAG_AA)).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}: ${n.any[0]?.message ?? n.failureSummary ?? v.help}`),
  );
}

const withTheme = (path: string, theme: 'light' | 'dark') =>
  `${path}${path.includes('?') ? '&' : '?'}theme=${theme}`;

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
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const p of pages) {
    // A full navigation per page: no page's code or styles are left over from another (the draft
    // the second Profile entry expects is the saved one, as a reader coming back finds it).
    await page.goto(withTheme(p.path, 'light'));
    await p.ready(page);
    for (const v of await violations(page)) found.push(`light ${p.path}: ${v}`);
    // The same state in the dark theme: the app's pages switch with their toggle, as a reader does;
    // the embed view, which has none, is opened as a host page asks for it.
    if (p.path.startsWith('/embed/')) {
      await page.goto(withTheme(p.path, 'dark'));
      await p.ready(page);
    } else {
      await page.getByRole('button', { name: 'Dark theme' }).click();
    }
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    for (const v of await violations(page, THEME_RULES)) found.push(`dark ${p.path}: ${v}`);
  }
  await context.close();
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
