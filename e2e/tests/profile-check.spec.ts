import { ConnectionListSchema } from '@gatherscope/shared';
import { expect, type Page, test } from '@playwright/test';
import { embeddedDatabase } from '../support/embedded-db';
import { setUp } from '../support/profile-form';

/** Replaces the SQL of one query in the editor, as a user types it. */
async function typeSql(page: Page, query: number, sql: string) {
  await page.getByRole('textbox', { name: `Query ${query} SQL` }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(sql);
}

test('the workload draft survives Built-in/Custom, other pages and a reload; discarding it asks first', async ({
  page,
}) => {
  await page.goto('/profile');
  await page.getByRole('button', { name: 'Edit a copy' }).click();
  const name = page.getByRole('textbox', { name: 'Workload name' });
  await name.fill('Checkout page');
  await typeSql(page, 1, 'SELECT id, email FROM users WHERE id = $1');

  // Built-in and back: the draft, not a fresh copy.
  await page.getByRole('radio', { name: 'Built-in' }).check();
  await page.getByRole('radio', { name: 'Custom' }).check();
  await expect(name).toHaveValue('Checkout page');

  // Another page and back, then a reload: still there, and still on Custom.
  await page.getByRole('link', { name: 'History' }).click();
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(name).toHaveValue('Checkout page');
  await page.reload();
  await expect(name).toHaveValue('Checkout page');
  await expect(page.getByRole('textbox', { name: 'Query 1 SQL' })).toHaveText(
    'SELECT id, email FROM users WHERE id = $1',
  );

  // "Edit a copy" would replace it: it asks first.
  await page.getByRole('radio', { name: 'Built-in' }).check();
  await page.getByRole('button', { name: 'Edit a copy' }).click();
  await expect(page.getByText(/Replace your draft “Checkout page”/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('radio', { name: 'Custom' }).check();
  await expect(name).toHaveValue('Checkout page');

  // Discard asks, then the draft is gone for good (a reload brings back the built-in workload).
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.getByText(/Discard the draft “Checkout page”\?/)).toBeVisible();
  await page.getByRole('button', { name: 'Confirm discard' }).click();
  await expect(page.getByRole('combobox', { name: 'Built-in workload' })).toBeVisible();
  await page.reload();
  await page.getByRole('radio', { name: 'Custom' }).check();
  await expect(name).not.toHaveValue('Checkout page');
});

test('a bad column is marked at its query with the database’s message before any trial runs', async ({
  page,
}) => {
  await page.goto('/profile');
  await page.getByRole('button', { name: 'Edit a copy' }).click();
  await setUp(page, { trials: 2, warmup: 0, strategies: [/^Sequential$/] });
  await typeSql(page, 3, 'SELECT id, ratng FROM reviews WHERE user_id = $1');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  const third = page.getByRole('textbox', { name: 'Query 3 SQL' });
  await expect(third).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('column "ratng" does not exist (at line 1, column 12)')).toBeVisible();
  // The focus goes to the marked query, and no run started.
  await expect(third).toBeFocused();
  await expect(page).not.toHaveURL(/run=/);
  await expect(page.getByText('No run yet: press Run to start one.')).toBeVisible();

  // Fixed, Check SQL says every query parses, and "from a dependency" offers the real columns.
  await typeSql(page, 3, 'SELECT id, rating FROM reviews WHERE user_id = $1');
  await expect(third).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('checkbox', { name: 'reviews depends on profile' }).check();
  await page.getByRole('combobox', { name: 'reviews $1 kind' }).selectOption('ref');
  await page.getByRole('button', { name: 'Check SQL' }).click();
  await expect(page.getByRole('status').filter({ hasText: /All 4 queries parse on/ })).toBeVisible();
  const column = page.getByRole('combobox', { name: 'reviews $1 column' });
  await expect(column.getByRole('option')).toHaveText(['id (bigint)', 'name (text)']);
});

test('on a saved connection the status bar shows that database; a built-in workload says it needs the demo tables', async ({
  page,
  request,
}) => {
  // A database of the app's own cluster without the demo shop: "postgres".
  const { url } = await embeddedDatabase(request, 'postgres');

  await page.goto('/profile');
  const bar = page.getByRole('status', { name: 'Database status' });
  await expect(bar).toContainText('Embedded demo database gatherscope_demo');
  await page.getByRole('button', { name: 'Add connection…' }).click();
  const form = page.getByRole('group', { name: 'New connection' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Ops database');
  await form.getByLabel('Connection URL').fill(url);
  await form.getByRole('button', { name: 'Test and save' }).click();
  await expect(page.getByText('Connection tested and saved.')).toBeVisible();

  await expect(bar).toContainText('Saved connection “Ops database”: database postgres on 127.0.0.1');
  await expect(bar).toContainText(/PostgreSQL \d+/);
  // A superuser could change anything: the role's risk is said, as for the default database.
  await expect(bar.getByRole('note', { name: 'Role warning' })).toBeVisible();
  await expect(bar).not.toContainText('Embedded demo');
  // Other pages keep showing the database being worked on.
  await page.getByRole('link', { name: 'History' }).click();
  await expect(bar).toContainText('Saved connection “Ops database”');
  await page.getByRole('link', { name: 'Profile' }).click();

  // Back on Profile, the form is still on that database.
  const picker = page.getByRole('combobox', { name: 'Profile on' });
  await expect(picker.getByRole('option', { selected: true })).toHaveText(/^Ops database/);
  await setUp(page, { trials: 2, warmup: 0, strategies: [/^Sequential$/] });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(
    /The built-in workload "slow-dashboard" needs the demo shop's tables .* Ops database \(postgres\) does not have them: relation "users" does not exist/,
  );
  await expect(page).not.toHaveURL(/run=/);

  await picker.selectOption('default');
  await expect(bar).toContainText('Embedded demo database gatherscope_demo');
  // The app's data directory is shared by the specs: leave no saved connection behind.
  const { connections } = ConnectionListSchema.parse(await (await request.get('/api/connections')).json());
  for (const c of connections.filter((x) => x.name === 'Ops database')) {
    expect((await request.delete(`/api/connections/${c.id}`)).ok()).toBe(true);
  }
});
