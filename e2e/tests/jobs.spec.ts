import { LoadTestRecordSchema, RunRecordSchema } from '@gatherscope/shared';
import { expect, type Page, test } from '@playwright/test';
import { runStatus, setUp } from '../support/profile-form';
import { PACED_THINK_MS } from '../support/stored-runs';

/**
 * Runs and load tests are jobs with one lifecycle: the tab follows a job while the user moves between
 * pages or reloads (the server waits 5 s for a viewer to come back), and closing the tab stops it,
 * with the reason in its record.
 */

const loadStatus = (page: Page) => page.getByRole('status', { name: 'Load test status' });

/** Starts a one-minute, two-user, paced load test from the Load page and returns its id. */
async function startLoadTest(page: Page): Promise<string> {
  await page.goto('/load');
  const form = page.getByRole('form', { name: 'Load test settings' });
  await form.getByRole('combobox', { name: 'Workload' }).selectOption('user-dashboard');
  await form.getByRole('checkbox', { name: 'Concurrent' }).uncheck();
  await form.getByRole('spinbutton', { name: 'Virtual users' }).fill('2');
  // The lifecycle is what is checked, not the load: paced, it leaves the cores to the browser.
  await form.getByRole('spinbutton', { name: 'Think time' }).fill(String(PACED_THINK_MS));
  await form.getByRole('spinbutton', { name: 'Duration per strategy' }).fill('60');
  await form.getByRole('button', { name: 'Start load test' }).click();
  await expect(page).toHaveURL(/\/load\/[a-z0-9]+$/);
  await expect(loadStatus(page)).toContainText('Running: Sequential');
  return page.url().split('/').at(-1)!;
}

/** Starts a long profile run from the Profile page and returns its id. */
async function startRun(page: Page): Promise<string> {
  await page.goto('/profile');
  await setUp(page, { trials: 200, warmup: 0, strategies: [/^Sequential$/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runStatus(page)).toContainText('Running');
  return new URL(page.url()).searchParams.get('run')!;
}

test('a load test survives a reload of its page or of another, and a visit to another page, like a run', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const id = await startLoadTest(page);

  await page.reload();
  await expect(loadStatus(page)).toContainText('Running: Sequential');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Load test in progress' });
  await expect(notice).toBeVisible();
  // A reload of another page: the tab follows its test again at once.
  await page.reload();
  await expect(notice).toBeVisible();
  // Longer than the server's 5 s grace for a page that closed: the tab still follows the test.
  await page.waitForTimeout(6_000);
  await notice.getByRole('link', { name: 'back to it' }).click();
  await expect(page).toHaveURL(new RegExp(`/load/${id}$`));
  await expect(loadStatus(page)).toContainText('Running: Sequential');
  await expect(page.getByRole('status').filter({ hasText: 'in progress' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(loadStatus(page)).toContainText('Load test cancelled');
  // Stopped by the user: no reason to explain.
  await expect(page.getByText('Stopped: its page was closed.')).toHaveCount(0);
});

test('closing the tab of a load test or of a run stops it after the grace, and its record says why', async ({
  context,
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const loadTab = await context.newPage();
  const loadId = await startLoadTest(loadTab);
  const runTab = await context.newPage();
  const runId = await startRun(runTab);
  await loadTab.close();
  await runTab.close();

  const loadRecord = async () =>
    LoadTestRecordSchema.parse(await (await request.get(`/api/load-tests/${loadId}`)).json());
  const runRecord = async () => RunRecordSchema.parse(await (await request.get(`/api/runs/${runId}`)).json());
  // Both are still running within the grace (a reload would find them), then both stop.
  expect((await loadRecord()).status).toBe('running');
  expect((await runRecord()).status).toBe('running');
  await expect.poll(async () => (await loadRecord()).status, { timeout: 15_000 }).toBe('cancelled');
  await expect.poll(async () => (await runRecord()).status, { timeout: 15_000 }).toBe('cancelled');
  expect((await loadRecord()).error?.message).toBe('Stopped: its page was closed.');
  expect((await runRecord()).error?.message).toBe('Stopped: its page was closed.');

  // Its page says so.
  await page.goto(`/load/${loadId}`);
  await expect(loadStatus(page)).toContainText('Load test cancelled');
  await expect(page.getByRole('alert')).toContainText('Stopped: its page was closed.');
});
