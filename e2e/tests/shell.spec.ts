import { expect, test } from '@playwright/test';

test('the app shell shows navigation and the connected demo database', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/profile$/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Profile', 'Load test', 'Decision matrix', 'History']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  const status = page.getByRole('status', { name: 'Database status' });
  await expect(status).toContainText('Embedded demo database');
  await expect(status).toContainText(/PostgreSQL \d+/);
  await expect(status).toContainText('gatherscope_demo');
});

test('navigation works from the keyboard and marks the current page', async ({ page }) => {
  await page.goto('/profile');
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/history$/);
  await expect(link).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
});

test('the theme toggle switches between light and dark and is remembered', async ({ page }) => {
  await page.goto('/profile');
  const html = page.locator('html');
  const toggle = page.getByRole('button', { name: /theme/ });
  const before = await html.getAttribute('data-theme');
  await toggle.click();
  const after = await html.getAttribute('data-theme');
  expect(after).not.toBe(before);
  // One name in both themes; the pressed state is announced and seen (the switch's knob moves).
  await expect(toggle).toHaveAccessibleName('Dark theme');
  await expect(toggle).toHaveAttribute('aria-pressed', String(after === 'dark'));
  const knob = () => toggle.locator('.theme-switch').evaluate((el) => getComputedStyle(el, '::after').left);
  const knobAfter = await knob();
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', after!);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', String(after !== 'dark'));
  await expect.poll(knob).not.toBe(knobAfter);
});

test('an unknown page says so', async ({ page }) => {
  await page.goto('/nowhere');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
