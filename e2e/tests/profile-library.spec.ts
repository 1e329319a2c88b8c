import { expect, test } from '@playwright/test';
import { embeddedDatabase } from '../support/embedded-db';
import { runStatus, setUp } from '../support/profile-form';

test('a custom workload can be saved, loaded, exported and imported as JSON', async ({ page }, info) => {
  await page.goto('/profile');
  await page.getByRole('radio', { name: 'Custom' }).check();
  const name = page.getByRole('textbox', { name: 'Workload name' });
  const title = `Checkout ${info.workerIndex}-${Date.now()}`;
  await name.fill(title);
  await page.getByRole('textbox', { name: 'Query 1 simulated delay in ms' }).fill('25');
  await page.getByRole('button', { name: 'Save workload' }).click();
  await expect(page.getByText(`Saved as “${title}”.`)).toBeVisible();

  // Change it, then load the saved version back.
  await page.getByRole('button', { name: 'Remove stats' }).click();
  await expect(page.getByRole('group', { name: /^Query 4/ })).toHaveCount(0);
  const saved = page.getByRole('combobox', { name: 'Saved workloads' });
  await expect(saved.getByRole('option', { name: new RegExp(`${title} · 4 queries`) })).toHaveCount(1);
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(page.getByRole('group', { name: /^Query 4/ })).toHaveCount(1);
  await expect(page.getByRole('textbox', { name: 'Query 1 simulated delay in ms' })).toHaveValue('25');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const exported = JSON.parse(Buffer.concat(text).toString('utf8'));
  expect(exported).toMatchObject({
    name: title,
    queries: [{ id: 'profile', simulatedDelayMs: 25 }, {}, {}, {}],
  });

  await page.getByLabel('Workload file to import').setInputFiles({
    name: 'two.workload.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        name: 'Imported',
        queries: [
          { id: 'a', sql: 'SELECT 1' },
          { id: 'b', sql: 'SELECT 2', dependsOn: ['a'] },
        ],
      }),
    ),
  });
  await expect(name).toHaveValue('Imported');
  await expect(page.getByRole('checkbox', { name: 'b depends on a' })).toBeChecked();

  await page.getByLabel('Workload file to import').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ name: 'Bad', queries: [{ id: '9x', sql: 'SELECT 1' }] })),
  });
  // The file's issues are listed at the import control; the workload being edited keeps its fields.
  const rejected = page.getByRole('alert').filter({ hasText: 'bad.json is not a valid workload file' });
  await expect(rejected).toContainText('queries.0.id');
  await expect(name).toHaveValue('Imported');
  await expect(page.getByRole('textbox', { name: 'Query 1 id' })).not.toHaveAttribute('aria-invalid', 'true');

  await saved.selectOption({ label: `${title} · 4 queries` });
  // Deleting asks first; Cancel keeps it.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(saved.getByRole('option', { name: new RegExp(title) })).toHaveCount(1);
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`Delete “${title}”?`)).toBeVisible();
  await page.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(saved.getByRole('option', { name: new RegExp(title) })).toHaveCount(0);
});

test('a saved connection is tested, profiled and removed; its password never reaches the page', async ({
  page,
  request,
}) => {
  // The app's own embedded PostgreSQL stands in for "your database": its URL, as a user would paste it.
  const creds = await embeddedDatabase(request, 'gatherscope_demo');
  const url = creds.url;

  await page.goto('/profile');
  await page.getByRole('button', { name: 'Add connection…' }).click();
  const form = page.getByRole('group', { name: 'New connection' });
  await form.getByRole('textbox', { name: 'Name' }).fill('My shop');
  await form.getByLabel('Connection URL').fill(url);
  await form.getByRole('button', { name: 'Test and save' }).click();
  await expect(page.getByText('Connection tested and saved.')).toBeVisible();
  const picker = page.getByRole('combobox', { name: 'Profile on' });
  await expect(picker.getByRole('option', { selected: true })).toHaveText(
    /^My shop — gatherscope@127\.0\.0\.1:\d+\/gatherscope_demo$/,
  );
  await expect(page.getByText('Read-only: runs cannot change this database.')).toBeVisible();

  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connected to gatherscope_demo' })).toBeVisible();

  await setUp(page, { trials: 2, warmup: 0, strategies: [/^Sequential$/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runStatus(page)).toContainText('Completed', { timeout: 45_000 });
  await expect(page.getByRole('heading', { level: 2, name: /on My shop/ })).toBeVisible();
  expect(await page.content()).not.toContain(creds.password);

  await page.getByRole('button', { name: 'Remove connection' }).click();
  await page.getByRole('button', { name: 'Confirm remove' }).click();
  await expect(picker.getByRole('option')).toHaveCount(1);
  await expect(picker).toHaveValue('default');
});
