// Frame times of the timeline while zooming and panning 5,000 spans (a 50-query workload, 100
// trials, all overlaid on the canvas layer). Start the app first (`npm start`), then:
//   npx tsx e2e/scripts/timeline-perf.ts [http://127.0.0.1:4317]
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/chromium';
import { completedRunId } from './completed-run';

const base = process.argv[2] ?? 'http://127.0.0.1:4317';
const id = await completedRunId(base, {
  workload: {
    name: 'fifty',
    queries: Array.from({ length: 50 }, (_, i) => ({ id: `q${i}`, sql: `SELECT ${i} AS n` })),
  },
  strategies: ['concurrent'],
  trials: 100,
  warmup: 0,
  detached: true,
});

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${base}/profile?run=${id}`);
  await page.getByRole('combobox', { name: 'Trial' }).selectOption('all');
  const canvas = page.getByRole('img', { name: /^Concurrent: 5000 spans of 100 trials/ });
  await canvas.waitFor();
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the canvas is not on screen');
  const x = box.x + box.width / 3;
  const y = box.y + Math.min(box.height / 2, 300);
  await page.mouse.move(x, y);
  // A string, not a function: tsx would wrap a function's inner closures in a helper the page lacks.
  await page.evaluate(`(() => {
    window.frames_ = [];
    let last = performance.now();
    const tick = (t) => {
      window.frames_.push(t - last);
      last = t;
      if (window.frames_.length < 5000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const t0 = Date.now();
  await page.keyboard.down('Control');
  for (let i = 0; i < 60; i++) await page.mouse.wheel(0, -4);
  await page.keyboard.up('Control');
  const t1 = Date.now();
  await page.mouse.down();
  for (let i = 0; i < 60; i++) await page.mouse.move(x - i * 5, y);
  await page.mouse.up();
  const t2 = Date.now();
  const frames = (await page.evaluate('window.frames_.slice(1)')) as number[];
  const sorted = [...frames].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(1);
  const range = await page.getByRole('status', { name: 'Visible time range' }).textContent();
  console.log(
    `5000 spans on canvas: 60 Ctrl+wheel zoom steps ${t1 - t0} ms, 60 drag-pan steps ${t2 - t1} ms; ` +
      `${frames.length} frames, median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms; visible ${range}`,
  );
} finally {
  await browser.close();
}
