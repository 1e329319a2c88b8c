import { expect, test } from '@playwright/test';
import { runStatus, setUp } from '../support/profile-form';
import { completedRun } from '../support/stored-runs';

test('the slow dashboard streams spans live, then shows the speedup and the verdict', async ({ page }) => {
  await page.goto('/profile');
  await expect(page.getByRole('combobox', { name: 'Built-in workload' })).toHaveValue('slow-dashboard');
  await setUp(page, { trials: 8, warmup: 1, strategies: [/^Sequential$/, /^Concurrent$/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  // A sequential trial takes ~300 ms and there are 18 of them with the concurrent ones: the first
  // bars must show up while the run is still going.
  const firstBar = page.getByRole('button', { name: /^(profile|orders|reviews|stats): / }).first();
  await expect(firstBar).toBeVisible();
  await expect(runStatus(page)).toContainText('Running');

  await expect(runStatus(page)).toContainText('Completed', { timeout: 45_000 });
  const summary = page.getByRole('region', { name: 'Summary' });
  const concurrent = summary.getByRole('row', { name: /^Concurrent/ });
  await expect(concurrent).toContainText(/\d+(\.\d+)?× \(\d/);
  await expect(summary).toContainText(/Concurrent is \d+(\.\d+)?× faster/);
  // Timelines: one panel per strategy on the shared axis, a row per query.
  await expect(page.getByRole('list', { name: 'Sequential rows' }).getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('img', { name: /^Sequential: 8 trials, median/ })).toBeVisible();

  // Hovering a bar shows its SQL and phases; so does keyboard focus.
  await page
    .getByRole('group', { name: /^Concurrent: 4 spans/ })
    .getByRole('button', { name: /^orders: / })
    .hover();
  const tip = page.getByRole('tooltip');
  await expect(tip).toContainText('simulated delay');
  await expect(tip).toContainText(/pid \d+/);
  await page.mouse.move(0, 0);
  await page
    .getByRole('group', { name: /^Sequential: 4 spans/ })
    .getByRole('button', { name: /^stats: / })
    .focus();
  await expect(page.getByRole('tooltip')).toContainText('stats');
});

test('per-connection layout puts all single-connection spans on one row', async ({ page }) => {
  await page.goto('/profile');
  await setUp(page, { trials: 2, warmup: 0, strategies: [/^Concurrent$/, /^Single connection/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runStatus(page)).toContainText('Completed', { timeout: 45_000 });

  await expect(page.getByRole('list', { name: 'Single connection rows' }).getByRole('listitem')).toHaveCount(
    4,
  );
  await page.getByRole('radio', { name: 'Per connection' }).check();
  const rows = page.getByRole('list', { name: 'Single connection rows' }).getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveText(/^pid \d+$/);
  // The same four queries, now side by side on that one connection's row.
  const single = page.getByRole('group', { name: /^Single connection: 4 spans/ });
  await expect(single.getByRole('button')).toHaveCount(4);
  // Rows no longer name the queries: the bars carry their ids where they fit.
  await expect(single.getByText('orders', { exact: true })).toBeVisible();
  // The concurrent strategy used more than one connection.
  expect(
    await page.getByRole('list', { name: 'Concurrent rows' }).getByRole('listitem').count(),
  ).toBeGreaterThan(1);
});

test('a query that fails at run time shows its error inline, the others complete, and the run is Failed', async ({
  page,
}) => {
  await page.goto('/profile');
  await page.getByRole('radio', { name: 'Custom' }).check();
  const sql = page.getByRole('textbox', { name: 'Query 2 SQL' });
  await sql.click();
  await page.keyboard.press('ControlOrMeta+a');
  // Valid SQL the database accepts when it is checked, and that fails on every execution.
  await page.keyboard.type('SELECT 1 / (count(*) - count(*)) AS boom FROM orders WHERE user_id = $1');

  // An empty statement is refused at its field before anything is sent, and gets the focus.
  const first = page.getByRole('textbox', { name: 'Query 1 SQL' });
  await first.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await setUp(page, { trials: 2, warmup: 0, strategies: [/^Sequential$/, /^Concurrent$/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('the SQL is empty')).toBeVisible();
  await expect(first).toBeFocused();

  await page.keyboard.type('SELECT id, name FROM users WHERE id = $1');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  // Every trial of "orders" failed: the run is not "Completed", it is Failed, and says why.
  await expect(runStatus(page)).toContainText('Failed', { timeout: 45_000 });
  await expect(
    page.getByRole('alert').filter({ hasText: 'Every measured trial of query "orders" failed' }),
  ).toContainText('division by zero (SQLSTATE 22012)');
  const failures = page.getByRole('alert').filter({ hasText: 'Failed queries' });
  await expect(failures).toContainText('division by zero');
  // One line for the one error, however many strategies met it: query, count per strategy, SQLSTATE.
  await expect(failures.getByRole('listitem')).toHaveCount(1);
  await expect(failures).toContainText('orders failed 4 times: Sequential 2, Concurrent 2 · SQLSTATE 22012');
  // Every trial failed: the distribution plots none of them and says so.
  const distribution = page.getByRole('figure', { name: 'Wall time of every successful trial' });
  await expect(distribution.getByText('no successful trial', { exact: true })).toHaveCount(2);
  const panel = page.getByRole('group', { name: /^Concurrent: 4 spans/ });
  await expect(panel.getByRole('button', { name: /^orders: .*failed: division by zero/ })).toBeVisible();
  for (const ok of ['profile', 'reviews', 'stats']) {
    await expect(panel.getByRole('button', { name: new RegExp(`^${ok}: .* rows?$`) })).toBeVisible();
  }

  // History's Failed filter finds it.
  await page.getByRole('link', { name: 'History' }).click();
  await page.getByRole('combobox', { name: /status/i }).selectOption('failed');
  await expect(page.getByRole('link', { name: 'slow-dashboard (custom)' }).first()).toBeVisible();
});

test('zooming changes the visible time range and reset restores it', async ({ page }) => {
  await page.goto('/profile');
  await setUp(page, { trials: 2, warmup: 0, strategies: [/^Sequential$/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runStatus(page)).toContainText('Completed', { timeout: 45_000 });

  const range = page.getByRole('status', { name: 'Visible time range' });
  const full = await range.textContent();
  expect(full).toMatch(/^0\.00 ms – \d+ ms$/);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(range).not.toHaveText(full!);
  const zoomed = (await range.textContent())!;
  const [a, b] = zoomed.split('–').map((s) => Number.parseFloat(s));
  const [, fullEnd] = full!.split('–').map((s) => Number.parseFloat(s));
  expect(b! - a!).toBeLessThan(fullEnd! * 0.6);

  // Keyboard: arrows pan within the zoomed range.
  await page.getByRole('application', { name: /Timelines/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(range).not.toHaveText(zoomed);

  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(range).toHaveText(full!);
});

test('Stop ends a running run and keeps what was measured', async ({ page }) => {
  await page.goto('/profile');
  await setUp(page, { trials: 200, warmup: 0, strategies: [/^Sequential$/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: /^(profile|orders|reviews|stats): / }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  // 200 sequential trials would take a minute; stopping ends it within seconds.
  await expect(runStatus(page)).toContainText('Stopped', { timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toHaveCount(0);
  // The focus does not fall to the top of the page: it is on the run's status.
  await expect(runStatus(page)).toBeFocused();
  await expect(page.getByRole('group', { name: /^Sequential: [1-9]\d* spans/ })).toBeVisible();
});

test('a connection that cannot connect is explained and not saved', async ({ page }) => {
  await page.goto('/profile');
  await page.getByRole('button', { name: 'Add connection…' }).click();
  const form = page.getByRole('group', { name: 'New connection' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Nowhere');
  await form.getByLabel('Connection URL').fill('mysql://x');
  await form.getByRole('button', { name: 'Test and save' }).click();
  await expect(form.getByText('the URL must start with postgres:// or postgresql://')).toBeVisible();

  await form.getByLabel('Connection URL').fill('postgres://someone:secret@127.0.0.1:1/shop');
  await form.getByRole('button', { name: 'Test and save' }).click();
  await expect(form.getByRole('alert')).toContainText('Cannot reach PostgreSQL at 127.0.0.1:1/shop');
  await expect(form.getByRole('alert')).not.toContainText('secret');
  await expect(page.getByRole('combobox', { name: 'Profile on' }).getByRole('option')).toHaveCount(1);
});

test('a run opened by its URL shows its settings in the form and links to its permalink', async ({
  page,
  request,
}) => {
  const run = await completedRun(request, {
    trials: 2,
    warmup: 0,
    strategies: ['sequential', 'pipelined'],
    rttMs: 5,
    statementMode: 'prepared',
  });
  await page.goto(`/profile?run=${run.id}`);
  await expect(
    page.getByText(
      /^2 trials · 0 warm-up · pool 10 · k 2 · RTT 5 ms · warm pool · prepared statements · database /,
    ),
  ).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Statement mode (your driver)' })).toHaveValue('prepared');
  await expect(page.getByRole('checkbox', { name: 'Pipelined', exact: true })).toBeChecked();
  await expect(page.getByRole('spinbutton', { name: 'Trials' })).toHaveValue('2');
  await expect(page.getByRole('spinbutton', { name: 'Warm-up' })).toHaveValue('0');
  await expect(page.getByRole('checkbox', { name: 'Concurrent', exact: true })).not.toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Built-in workload' })).toHaveValue('slow-dashboard');

  await page.getByRole('link', { name: 'Permalink · share and export' }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${run.id}$`));
  await expect(page.getByText(/^2 trials · 0 warm-up/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Permalink · share and export' })).toHaveCount(0);
});

test('a statement the server refuses is marked at its SQL field', async ({ page }) => {
  await page.goto('/profile');
  await page.getByRole('radio', { name: 'Custom' }).check();
  const sql = page.getByRole('textbox', { name: 'Query 4 SQL' });
  await sql.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('SELECT pg_advisory_lock(1)');
  await setUp(page, { trials: 1, warmup: 0, strategies: [/^Sequential$/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sql).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/query "stats" is refused/).first()).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Query 1 SQL' })).not.toHaveAttribute(
    'aria-invalid',
    'true',
  );
  // Editing another field leaves the message where it is; editing the SQL itself clears it.
  await page.getByRole('textbox', { name: 'Workload name' }).fill('Renamed');
  await expect(sql).toHaveAttribute('aria-invalid', 'true');
  await sql.click();
  await page.keyboard.type(' ');
  await expect(sql).not.toHaveAttribute('aria-invalid', 'true');
});

test('all trials overlaid draw on a canvas that the keyboard can step through', async ({ page }) => {
  await page.goto('/profile');
  await page.getByRole('combobox', { name: 'Built-in workload' }).selectOption('trivial');
  await setUp(page, { trials: 110, warmup: 0, strategies: [/^Concurrent$/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runStatus(page)).toContainText('Completed', { timeout: 45_000 });

  await page.getByRole('combobox', { name: 'Trial' }).selectOption('all');
  const canvas = page.getByRole('img', { name: /^Concurrent: 440 spans of 110 trials/ });
  await expect(canvas).toBeVisible();
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tooltip')).toContainText(/^(one|two|now|db) ·/);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip')).toHaveCount(0);
});

test('a run keeps going while the user visits another page, and Run waits for it', async ({ page }) => {
  await page.goto('/profile');
  await setUp(page, { trials: 20, warmup: 0, strategies: [/^Sequential$/, /^Concurrent$/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runStatus(page)).toContainText('Running');
  // Pressing Run again would hide this run while it goes on: it waits until this one is stopped.
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await expect(page.getByText('Stop the running run first.')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Run in progress' });
  await expect(notice).toBeVisible();
  // Longer than the server's 5 s grace for a page that closed: the tab still follows the run.
  await page.waitForTimeout(6_000);
  await notice.getByRole('link', { name: 'back to it' }).click();
  await expect(runStatus(page)).toContainText('Completed', { timeout: 45_000 });
  await expect(runStatus(page)).not.toContainText('Stopped');
  await expect(page.getByText(/^Completed · 40\/40 trials/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
});
