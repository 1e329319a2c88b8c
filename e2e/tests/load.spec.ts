import { expect, test } from '@playwright/test';
import { PACED_THINK_MS } from '../support/stored-runs';

const think = String(PACED_THINK_MS);

test('a short load test runs from the page: live charts, then results for each strategy', async ({
  page,
}) => {
  await page.goto('/load');
  await expect(page.getByRole('heading', { level: 1, name: 'Load test' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Load test settings' });
  await form.getByRole('combobox', { name: 'Workload' }).selectOption('user-dashboard');
  await form.getByRole('spinbutton', { name: 'Virtual users' }).fill('4');
  // 3 s: at least two full seconds per strategy, so the throughput line is a line, not one point.
  await form.getByRole('spinbutton', { name: 'Duration per strategy' }).fill('3');
  await form.getByRole('spinbutton', { name: 'Pool size' }).fill('4');
  await form.getByRole('spinbutton', { name: 'Network RTT' }).fill('2');
  // Paced: the page and its numbers are checked, not how much the machine serves.
  await form.getByRole('spinbutton', { name: 'Think time' }).fill(think);
  await form.getByRole('button', { name: 'Start load test' }).click();

  await expect(page).toHaveURL(/\/load\/[a-z0-9]+$/);
  // The form keeps what the test runs with, so the next test starts from it.
  const kept = {
    'Virtual users': '4',
    'Think time': think,
    'Duration per strategy': '3',
    'Pool size': '4',
    'Network RTT': '2',
  };
  for (const [name, value] of Object.entries(kept)) {
    await expect(form.getByRole('spinbutton', { name })).toHaveValue(value);
  }
  // Two full seconds or more: the throughput line is a line (a segment), not one point. A steady rate
  // draws it flat, and a flat path has no height, which toBeVisible would call hidden.
  const throughput = page.getByRole('figure', { name: /Throughput/ });
  await expect(throughput).toBeVisible();
  await expect(throughput.locator('path[data-series="sequential"]')).toHaveAttribute('d', /^M[^L]+L/);
  const results = page.getByRole('table', { name: 'Results per strategy' });
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status', { name: 'Load test status' })).toContainText('Load test completed');
  for (const name of ['Sequential', 'Concurrent']) {
    const row = results.getByRole('row', { name: new RegExp(`^${name}`) });
    const cells = row.getByRole('cell');
    // Requests and req/s come from the real run: both above zero.
    expect(Number(((await cells.nth(0).textContent()) ?? '').replace(/,/g, ''))).toBeGreaterThan(10);
    expect(Number(((await cells.nth(1).textContent()) ?? '').replace(/,/g, ''))).toBeGreaterThan(5);
  }
  await expect(
    page.getByRole('figure', { name: /Latency distribution/ }).locator('path[data-series="concurrent"]'),
  ).toBeVisible();
  await expect(page.getByText(/served [\d.]+× the throughput/)).toBeVisible();
  // Opened by its URL, the form shows the stored test's settings, not the defaults.
  await page.reload();
  for (const [name, value] of Object.entries(kept)) {
    await expect(form.getByRole('spinbutton', { name })).toHaveValue(value);
  }
  await expect(form.getByRole('combobox', { name: 'Workload' })).toHaveValue('user-dashboard');
});

test('Stop ends a running load test at once; the preset fills the form from the keyboard', async ({
  page,
}) => {
  await page.goto('/load');
  const form = page.getByRole('form', { name: 'Load test settings' });
  const preset = form.getByRole('button', { name: /Preset: 100 users/ });
  await preset.focus();
  await page.keyboard.press('Enter');
  await expect(form.getByRole('spinbutton', { name: 'Virtual users' })).toHaveValue('100');
  await expect(form.getByRole('spinbutton', { name: 'Network RTT' })).toHaveValue('5');
  await form.getByRole('spinbutton', { name: 'Virtual users' }).fill('3');
  await form.getByRole('spinbutton', { name: 'Duration per strategy' }).fill('60');
  await form.getByRole('button', { name: 'Start load test' }).click();
  await expect(page.getByRole('status', { name: 'Load test status' })).toContainText('Running: Sequential');
  await form.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('status', { name: 'Load test status' })).toContainText('Load test cancelled', {
    timeout: 5_000,
  });
  // What Stop cut short is no error, and Concurrent, which never ran, is in no legend.
  const row = page
    .getByRole('table', { name: 'Results per strategy' })
    .getByRole('row', { name: /^Sequential/ });
  await expect(row.getByRole('cell').nth(8)).toHaveText('0');
  await expect(page.getByRole('figure', { name: /Errors by SQLSTATE/ })).not.toContainText(/cancelled|57014/);
  await expect(
    page
      .getByRole('figure', { name: /Throughput/ })
      .getByRole('listitem')
      .filter({ hasText: 'Concurrent' }),
  ).toHaveCount(0);
});

test('a test whose phases end within a second says so on its charts; the sweep step is a field', async ({
  page,
}) => {
  await page.goto('/load');
  const form = page.getByRole('form', { name: 'Load test settings' });
  await form.getByRole('checkbox', { name: 'Pool-size sweep afterwards' }).check();
  await form.getByRole('spinbutton', { name: 'Largest pool' }).fill('2');
  await form.getByRole('spinbutton', { name: 'Seconds per step' }).fill('1');
  await expect(form.getByRole('status', { name: 'Planned time' })).toContainText(
    '2 strategies × 10 s + sweep 2 pool sizes × 2 strategies × 1 s = 24 s',
  );
  await form.getByRole('checkbox', { name: 'Pool-size sweep afterwards' }).uncheck();
  // A request cap of 5: each phase is over in a few milliseconds, long before its first full second.
  await form.getByText('Advanced: grace period, request cap, bounded k').click();
  await form.getByRole('spinbutton', { name: 'Request cap per strategy' }).fill('5');
  await form.getByRole('button', { name: 'Start load test' }).click();
  await expect(page.getByRole('status', { name: 'Load test status' })).toContainText('Load test completed', {
    timeout: 30_000,
  });
  await expect(
    page
      .getByRole('figure', { name: /Throughput/ })
      .getByText('No full second of data: each phase ended in under 1 s'),
  ).toBeVisible();
  await expect(page.getByText('Waiting for the first full second')).toHaveCount(0);
});

test('a bad setting is named at its field', async ({ page }) => {
  await page.goto('/load');
  const form = page.getByRole('form', { name: 'Load test settings' });
  await form.getByRole('spinbutton', { name: 'Virtual users' }).fill('0');
  await form.getByRole('button', { name: 'Start load test' }).click();
  const vus = form.getByRole('spinbutton', { name: 'Virtual users' });
  await expect(vus).toHaveAttribute('aria-invalid', 'true');
  await expect(vus).toHaveAccessibleDescription('Enter a whole number of virtual users from 1 to 1,000.');
  await expect(page.getByRole('alert')).toContainText('not valid: Virtual users: Enter a whole number');
  await expect(page.getByRole('alert')).not.toContainText('model.vus');
});

test("advanced settings are checked at their field; the whole test's planned time shows as you type", async ({
  page,
}) => {
  await page.goto('/load');
  const form = page.getByRole('form', { name: 'Load test settings' });
  const planned = form.getByRole('status', { name: 'Planned time' });
  await expect(planned).toContainText('Planned load time: 2 strategies × 10 s = 20 s');
  await form.getByRole('spinbutton', { name: 'Duration per strategy' }).fill('600');
  await form.getByRole('checkbox', { name: 'Bounded' }).check();
  await expect(planned).toContainText('3 strategies × 600 s = 30 min');
  await form.getByRole('checkbox', { name: 'Dependency-aware' }).check();
  await expect(planned).toContainText('4 strategies × 600 s = 40 min, over the 30 min limit of a test');
  const duration = form.getByRole('spinbutton', { name: 'Duration per strategy' });
  await expect(duration).toHaveAttribute('aria-invalid', 'true');
  await expect(duration).toHaveAccessibleDescription(/Over the 30 min limit/);
  await expect(planned).toContainText('(Duration per strategy)');
  await expect(planned).not.toContainText('durationS');
  await form.getByRole('spinbutton', { name: 'Duration per strategy' }).fill('60');
  await form.getByText('Advanced: grace period, request cap, bounded k').click();
  const grace = form.getByRole('spinbutton', { name: 'Grace period' });
  await grace.fill('99999');
  await form.getByRole('spinbutton', { name: 'Bounded k' }).fill('3');
  await form.getByRole('spinbutton', { name: 'Request cap per strategy' }).fill('500');
  await form.getByRole('button', { name: 'Start load test' }).click();
  await expect(grace).toHaveAttribute('aria-invalid', 'true');
  await expect(grace).toHaveAccessibleDescription('Enter a grace period from 0 to 30,000 ms.');
  await expect(page.getByRole('alert')).toContainText('Grace period: Enter a grace period');
  // Fixed, the message goes, and the test starts with the advanced settings.
  await grace.fill('500');
  await expect(grace).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('spinbutton', { name: 'Duration per strategy' }).fill('1');
  await form.getByRole('button', { name: 'Start load test' }).click();
  await expect(page).toHaveURL(/\/load\/.+/);
  await expect(page.getByRole('status', { name: 'Load test status' })).toContainText('Load test completed', {
    timeout: 30_000,
  });
  await expect(
    page.getByRole('table', { name: 'Results per strategy' }).getByRole('row', { name: /^Bounded/ }),
  ).toBeVisible();
});

test('an open-model test below capacity drops nothing', async ({ page }) => {
  await page.goto('/load');
  const form = page.getByRole('form', { name: 'Load test settings' });
  await form.getByRole('checkbox', { name: 'Concurrent' }).uncheck();
  await form.getByRole('radio', { name: 'Open: arrival rate' }).check();
  await form.getByRole('spinbutton', { name: 'Arrival rate' }).fill('40');
  await form.getByRole('spinbutton', { name: 'Duration per strategy' }).fill('2');
  await form.getByRole('button', { name: 'Start load test' }).click();
  const results = page.getByRole('table', { name: 'Results per strategy' });
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/40 req\/s arriving/)).toBeVisible();
  const cells = results.getByRole('row', { name: /^Sequential/ }).getByRole('cell');
  // Cells: requests, req/s, mean, p50, p90, p95, p99, max, errors, dropped, …
  expect(Number((await cells.nth(0).textContent()) ?? '')).toBeGreaterThanOrEqual(60);
  expect((await cells.nth(8).textContent())?.trim()).toBe('0');
  expect((await cells.nth(9).textContent())?.trim()).toBe('0');
  // The open model's own live charts: schedule lag and dropped requests per second (a 2 s test may
  // have one full second: a single point, drawn as a dot, so the line is asserted to exist).
  for (const name of [/Schedule lag p95/, /^Dropped/]) {
    const chart = page.getByRole('figure', { name });
    await expect(chart).toBeVisible();
    await expect(chart.locator('path[data-series="sequential"]')).toHaveCount(1);
  }
});

test('a saved custom workload can be load-tested', async ({ page }) => {
  const name = `my endpoint ${Date.now()}`;
  const save = await page.request.post('/api/saved-workloads', {
    data: {
      name,
      queries: [
        { id: 'top', sql: 'SELECT id FROM products ORDER BY id LIMIT 5' },
        { id: 'count', sql: 'SELECT count(*) FROM reviews WHERE rating >= $1', params: [4] },
      ],
    },
  });
  expect(save.ok()).toBe(true);
  await page.goto('/load');
  const form = page.getByRole('form', { name: 'Load test settings' });
  await form.getByRole('combobox', { name: 'Workload' }).selectOption({ label: `${name} (2 queries)` });
  await form.getByRole('checkbox', { name: 'Concurrent' }).uncheck();
  await form.getByRole('spinbutton', { name: 'Virtual users' }).fill('2');
  await form.getByRole('spinbutton', { name: 'Think time' }).fill(think);
  await form.getByRole('spinbutton', { name: 'Duration per strategy' }).fill('2');
  await form.getByRole('button', { name: 'Start load test' }).click();
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${name} on `) })).toBeVisible();
  const results = page.getByRole('table', { name: 'Results per strategy' });
  await expect(results).toBeVisible({ timeout: 30_000 });
  const cells = results.getByRole('row', { name: /^Sequential/ }).getByRole('cell');
  expect(Number(((await cells.nth(0).textContent()) ?? '').replace(/,/g, ''))).toBeGreaterThan(10);
  expect((await cells.nth(8).textContent())?.trim()).toBe('0');
});
