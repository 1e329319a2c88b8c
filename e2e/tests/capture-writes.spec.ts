import { expect, test } from '@playwright/test';
import { useExampleApp } from '../support/example-app';

const startExampleApp = useExampleApp();

test('a captured request that writes: the panel names its writes, and the replay rolls them back', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/capture');
  await page.getByRole('button', { name: 'Start capture' }).click();
  const url = page.getByRole('textbox', { name: 'Database URL for the app' });
  await expect(url).toHaveValue(/^postgres:\/\//);
  const base = await startExampleApp(await url.inputValue());
  // The app adds a favorite (committed through the capture), then removes it again. (That the
  // replay leaves the database as it was is checked in capture-jobs/write-replay.test.ts.)
  const added = await fetch(`${base}/favorites?user=41&product=7`, { method: 'POST' });
  expect(added.status).toBe(200);
  expect(((await added.json()) as { favorites: number }).favorites).toBeGreaterThan(0);
  expect((await fetch(`${base}/favorites?user=41&product=7`, { method: 'DELETE' })).status).toBe(200);

  const group = page.getByRole('region', { name: 'Endpoint POST /favorites' });
  await expect(group.getByRole('heading')).toHaveText(/POST \/favorites · 1 request/);
  await page.getByRole('button', { name: 'Stop capture' }).click();
  await group
    .getByRole('button', { name: /^Open request/ })
    .first()
    .click();
  const request = page.getByRole('region', { name: /^Request / });
  await request.getByRole('button', { name: 'What would gathering buy?' }).click();
  const gathering = page.getByRole('region', { name: 'What would gathering buy?' });
  await expect(
    gathering.getByText(
      /^Writes: favorites\. A replay runs them with favorites_2 \(they must see the writes\) in one transaction per trial.*nothing is committed\./,
    ),
  ).toBeVisible();

  await gathering.getByRole('button', { name: /^Replay/ }).click();
  const replay = gathering.getByRole('region', { name: 'Replay' });
  await expect(
    replay.getByText(/^The writes \(favorites\) ran in a transaction that was rolled back after every trial/),
  ).toBeVisible();
  await expect(replay.getByText(/rolled it back: nothing was committed/)).toBeVisible({ timeout: 60_000 });
});
