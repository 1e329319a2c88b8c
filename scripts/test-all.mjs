// `npm test`: type-check and lint (beside Vitest), unit + integration tests (Vitest, real embedded
// PostgreSQL), end-to-end tests (Playwright, real browser, real app) and the installable package. Prints one plain summary line last:
// "N passed, N failed", summing every runner (type-check and lint count as one check each).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, '.gatherscope/reports');
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
const bin = (p) => path.join(root, 'node_modules', p);
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const wants = (step) => only.length === 0 || only.includes(step);

let passed = 0;
let failed = 0;
const lines = [];

/** Wall time of each step, printed with the summary so a slower suite shows where. */
const took = [];

/** Runs a step with its output on the terminal as it comes; resolves whether it passed. */
function run(label, args, opts = {}) {
  console.log(`\n━━ ${label} ━━`);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', ...opts });
    child.on('close', (code) => {
      took.push(`${label.split(' (')[0]} ${Math.round((performance.now() - t0) / 1000)} s`);
      resolve(code === 0);
    });
  });
}

/**
 * Runs a quiet step beside the others (type-check and lint take one core while Vitest waits on the
 * database): its output is kept and printed, under its label, when the caller awaits it.
 */
function beside(label, args) {
  const t0 = performance.now();
  let output = '';
  const done = new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ ok: code === 0, s: Math.round((performance.now() - t0) / 1000) }));
  });
  return async () => {
    const { ok, s } = await done;
    console.log(`\n━━ ${label} ━━${output ? `\n${output.trimEnd()}` : ''}`);
    took.push(`${label.split(' (')[0]} ${s} s (beside)`);
    return ok;
  };
}

function check(label, ok) {
  if (ok) passed++;
  else failed++;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'}`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const typecheck = wants('typecheck') && beside('type-check (tsc -b)', [bin('typescript/bin/tsc'), '-b']);
const lint = wants('lint') && beside('lint (biome)', [bin('@biomejs/biome/bin/biome'), 'check', '.']);
// The installable package (npm run package → npm install -g → gatherscope start): mostly waiting on
// npm and a server start, so it runs beside Vitest too. It builds the web app when stale, which the
// e2e step then reuses.
const packaged =
  wants('package') &&
  beside('installable package (npm install -g, gatherscope start)', ['scripts/package-check.mjs']);

if (wants('unit')) {
  const out = path.join(reports, 'vitest.json');
  const ok = await run('unit and integration tests (vitest)', [
    bin('vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const r = readJson(out);
  if (r) {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    const flaky = r.testResults
      .flatMap((f) => f.assertionResults)
      .filter((a) => a.status === 'passed' && a.failureMessages?.length > 0).length;
    lines.push(
      `vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed${flaky ? ` (${flaky} flaky: passed on retry)` : ''}`,
    );
    if (!ok && r.numFailedTests === 0) check('vitest run', false);
  } else check('vitest (no report)', false);
}

if (typecheck) check('type-check', await typecheck());
if (lint) check('lint', await lint());
if (packaged) check('package', await packaged());

if (wants('e2e')) {
  const built = performance.now();
  buildIfStale();
  took.push(`web build ${Math.round((performance.now() - built) / 1000)} s`);
  const out = path.join(reports, 'playwright.json');
  await run('end-to-end tests (playwright)', [bin('@playwright/test/cli.js'), 'test', '-c', 'e2e'], {
    // The JSON report feeds the summary line; retries stay a CI-only choice of the config.
    env: { ...process.env, GATHERSCOPE_PW_JSON: out },
  });
  const r = readJson(out);
  if (r?.stats) {
    const ok = r.stats.expected + (r.stats.flaky ?? 0);
    const bad = r.stats.unexpected;
    passed += ok;
    failed += bad;
    lines.push(
      `playwright: ${ok} passed, ${bad} failed${r.stats.flaky ? ` (${r.stats.flaky} flaky: passed on retry)` : ''}${r.stats.skipped ? `, ${r.stats.skipped} skipped` : ''}`,
    );
    if (r.errors?.length) check('playwright (global errors)', false);
  } else check('playwright (no report)', false);
}

console.log(`\n${lines.join('\n')}\ntime: ${took.join(', ')}`);
const summary = `${passed} passed, ${failed} failed`;
fs.writeFileSync(path.join(reports, 'summary.txt'), `${summary}\n`);
console.log(summary);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
