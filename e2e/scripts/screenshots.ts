// Screenshots of the Profile page after a real run, light and dark, for the README.
// Start the app first (`npm start`), then: npx tsx e2e/scripts/screenshots.ts [http://127.0.0.1:4317]
import path from 'node:path';
import { strategyNames } from '@gatherscope/shared';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';
import { completedRunId } from './completed-run';

const base = process.argv[2] ?? 'http://127.0.0.1:4317';
const docs = path.resolve(import.meta.dirname, '../../docs');

const id = await completedRunId(base, {
  workload: 'slow-dashboard',
  // Every strategy, so the README shows what each one does to the same dashboard.
  strategies: [...strategyNames],
  trials: 15,
  warmup: 2,
  boundedK: 2,
  detached: true,
});

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  for (const theme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${base}/profile?run=${id}&theme=${theme}`);
    const run = page.getByRole('region', { name: /slow-dashboard/ });
    await run.getByRole('region', { name: 'Summary' }).waitFor();
    // Show the details of one bar, as keyboard focus (or hovering) shows them. Sequential's last
    // query: its tooltip opens under it, where the faster strategies below have already finished,
    // so it hides none of their bars.
    await page.mouse.move(0, 0);
    await page
      .getByRole('group', { name: /^Sequential:/ })
      .getByRole('button', { name: /^stats: / })
      .focus();
    await page.getByRole('tooltip').waitFor();
    // Page coordinates (a full-page clip), not viewport ones: focusing the bar scrolled the page.
    const box = await run.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
    });
    const file = path.join(docs, `profile-${theme}.png`);
    const m = 16;
    await page.screenshot({
      path: file,
      fullPage: true,
      clip: {
        x: Math.max(0, box.x - m),
        y: Math.max(0, box.y - m),
        width: box.width + 2 * m,
        height: box.height + 2 * m,
      },
    });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
    await page.close();
  }
} finally {
  await browser.close();
}
