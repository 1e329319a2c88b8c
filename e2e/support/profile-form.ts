import type { Page } from '@playwright/test';

/** Sets the run form: trials, warm-up, and exactly these strategies. */
export async function setUp(page: Page, opts: { trials: number; warmup: number; strategies: RegExp[] }) {
  await page.getByRole('spinbutton', { name: 'Trials' }).fill(String(opts.trials));
  await page.getByRole('spinbutton', { name: 'Warm-up' }).fill(String(opts.warmup));
  const strategies = page.getByRole('group', { name: 'Strategies' }).getByRole('checkbox');
  for (const box of await strategies.all()) {
    const name = (await box.evaluate((el) => el.parentElement?.textContent ?? '')).trim();
    await box.setChecked(opts.strategies.some((r) => r.test(name)));
  }
}

export const runStatus = (page: Page) => page.getByRole('status', { name: 'Run status' });
