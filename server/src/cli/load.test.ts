import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LoadTestExportSchema, type Workload } from '@gatherscope/shared';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { CliIO } from './command';
import { loadCommand } from './load';
import { parseLoadOptions } from './load-options';

const tiny: Workload = {
  name: 'tiny',
  queries: [
    {
      id: 'user',
      sql: 'SELECT * FROM users WHERE id = $1',
      params: [{ kind: 'randomInt', min: 1, max: 5000 }],
    },
    {
      id: 'orders',
      sql: 'SELECT * FROM orders WHERE user_id = $1 LIMIT 10',
      params: [{ kind: 'randomInt', min: 1, max: 5000 }],
    },
  ],
};
/** Load tests are saved to History: into a directory of this file's own, never the developer's. */
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-cli-load-history-'));
const savedDataDir = process.env.GATHERSCOPE_DATA_DIR;
process.env.GATHERSCOPE_DATA_DIR = dataDir;
// Test files share a worker process: the next one must not inherit this file's History.
afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.GATHERSCOPE_DATA_DIR;
  else process.env.GATHERSCOPE_DATA_DIR = savedDataDir;
  await fs.rm(dataDir, { recursive: true, force: true });
});

const catalog = { get: (n: string) => (n === 'tiny' ? tiny : undefined), names: () => ['tiny'] };
// The tests below give the users a think time (--think 20): what the command prints and saves is
// the subject, and users without one would keep both cores busy for the whole test.

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    interactive: false,
    signal: new AbortController().signal,
  };
  return { value, out, err };
}

describe('gatherscope load', () => {
  it('the text report says the pool was opened before measuring', async () => {
    const c = io();
    const args = '-w tiny --vus 2 --think 20 -d 1 --pool 2 -s sequential --db'.split(' ');
    expect(await loadCommand({ workloads: catalog }).run([...args, inject('demoUrl')], c.value)).toBe(0);
    expect(c.out.join('')).toContain("Each strategy's pool was opened before measuring");
  });

  it('stores the test in History and prints its permalink, unless --no-save', async () => {
    const c = io();
    const args = [...'-w tiny --vus 1 --think 20 -d 1 -s sequential --db'.split(' '), inject('demoUrl')];
    expect(await loadCommand({ workloads: catalog }).run(args, c.value)).toBe(0);
    const id = /Saved to History: http:\/\/[^/]+\/load\/([a-z0-9]+)/.exec(c.out.join(''))?.[1];
    expect(id, c.out.join('')).toBeDefined();
    const saved = JSON.parse(await fs.readFile(path.join(dataDir, 'load-tests', `${id}.json`), 'utf8'));
    expect(saved).toMatchObject({ id, kind: 'load', status: 'completed', workload: { name: 'tiny' } });
    expect(saved.results.map((r: { strategy: string }) => r.strategy)).toEqual(['sequential']);
    const before = await fs.readdir(path.join(dataDir, 'load-tests'));
    const quiet = io();
    expect(await loadCommand({ workloads: catalog }).run([...args, '--no-save'], quiet.value)).toBe(0);
    expect(quiet.out.join('')).not.toContain('Saved to History');
    expect(await fs.readdir(path.join(dataDir, 'load-tests'))).toEqual(before);
  });

  it('--html writes the offline report of the test it saved, and says so when the viewer is not built', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-cli-load-html-'));
    await fs.mkdir(path.join(dir, 'web', 'export'), { recursive: true });
    await fs.writeFile(path.join(dir, 'web', 'export', 'viewer.js'), 'window.viewer = 1;');
    const file = path.join(dir, 'report.html');
    const args = [...'-w tiny --vus 1 --think 20 -d 1 -s sequential --db'.split(' '), inject('demoUrl')];
    const savedWebDist = process.env.GATHERSCOPE_WEB_DIST;
    process.env.GATHERSCOPE_WEB_DIST = path.join(dir, 'web');
    try {
      const c = io();
      expect(await loadCommand({ workloads: catalog }).run([...args, '--html', file], c.value)).toBe(0);
      expect(c.err.join('')).toContain(`Wrote the HTML report to ${file}`);
      const id = /Saved to History: http:\/\/[^/]+\/load\/([a-z0-9]+)/.exec(c.out.join(''))?.[1];
      const saved = JSON.parse(await fs.readFile(path.join(dataDir, 'load-tests', `${id}.json`), 'utf8'));
      const html = await fs.readFile(file, 'utf8');
      expect(html).toContain('<title>tiny — Gatherscope load test</title>');
      expect(html).toContain('window.viewer = 1;');
      const data = /<script type="application\/json" id="gatherscope-load-test">(.*?)<\/script>/s.exec(
        html,
      )![1]!;
      // The report holds the very test History keeps: the same numbers.
      expect(LoadTestExportSchema.parse(JSON.parse(data)).loadTest).toEqual(saved);

      process.env.GATHERSCOPE_WEB_DIST = '';
      const unbuilt = io();
      const other = path.join(dir, 'other.html');
      expect(
        await loadCommand({ workloads: catalog }).run([...args, '--no-save', '--html', other], unbuilt.value),
      ).toBe(0);
      expect(unbuilt.err.join('')).toMatch(
        /Could not write the HTML report: The HTML export viewer is not built\.\n {2}hint: Run `npm run build`/,
      );
      await expect(fs.access(other)).rejects.toThrow();
    } finally {
      if (savedWebDist === undefined) delete process.env.GATHERSCOPE_WEB_DIST;
      else process.env.GATHERSCOPE_WEB_DIST = savedWebDist;
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('--json prints one document whose results hold strategy, throughput, latencyMs and errors', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-cli-load-'));
    const file = path.join(dir, 'tiny.json');
    await fs.writeFile(file, JSON.stringify(tiny));
    const c = io();
    const code = await loadCommand({ workloads: catalog }).run(
      [
        '--workload',
        file,
        '--db',
        inject('demoUrl'),
        '--vus',
        '4',
        '--think',
        '20',
        '--duration',
        '1',
        '--pool',
        '4',
        '--rtt',
        '1',
        '--json',
      ],
      c.value,
    );
    await fs.rm(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    const doc = JSON.parse(c.out.join('')) as {
      results: { strategy: string; throughput: number; latencyMs: Record<string, number>; errors: number }[];
    };
    expect(doc.results.map((r) => r.strategy)).toEqual(['sequential', 'concurrent']);
    for (const r of doc.results) {
      expect(r.throughput).toBeGreaterThan(10);
      expect(r.errors).toBe(0);
      for (const k of ['p50', 'p95', 'p99', 'max']) expect(r.latencyMs[k]).toBeGreaterThan(0.5);
      expect(r.latencyMs.p50).toBeLessThanOrEqual(r.latencyMs.p95!);
      expect(r.latencyMs.p99).toBeLessThanOrEqual(r.latencyMs.max!);
    }
  });

  it('parses the models and rejects bad usage naming the flag', () => {
    expect(parseLoadOptions(['-w', 'x', '--rate', '50']).settings.model).toMatchObject({
      kind: 'open',
      rate: 50,
    });
    expect(parseLoadOptions(['--preset', 'dashboard']).settings).toMatchObject({
      strategies: ['sequential', 'concurrent'],
      rttMs: 5,
      model: { kind: 'closed', vus: 100 },
    });
    expect(parseLoadOptions(['-w', 'x', '-s', 'pipelined', '--mode', 'simple']).settings).toMatchObject({
      strategies: ['pipelined'],
      statementMode: 'simple',
    });
    expect(parseLoadOptions(['-w', 'x']).settings.statementMode).toBe('extended');
    expect(() => parseLoadOptions(['-w', 'x', '--mode', 'fast'])).toThrow(/--mode/);
    expect(() => parseLoadOptions(['-w', 'x', '--vus', '2', '--rate', '3'])).toThrow(/not both/);
    expect(() => parseLoadOptions(['-w', 'x', '--vus', '0'])).toThrow(/--vus/);
    expect(() => parseLoadOptions(['-w', 'x', '--duration', '9999'])).toThrow(/--duration/);
    expect(() => parseLoadOptions([])).toThrow(/--workload/);
    // Each strategy may run 600 s, but not the whole test: 5 × 600 s is over its 30 minutes.
    expect(() =>
      parseLoadOptions(['-w', 'x', '--strategies', 'sequential,concurrent,bounded', '--duration', '600']),
    ).not.toThrow();
    expect(() =>
      parseLoadOptions([
        '-w',
        'x',
        '--duration',
        '600',
        '--strategies',
        'sequential,concurrent,bounded,dependency-aware',
      ]),
    ).toThrow('--duration: 4 strategies × 600 s = 40 min, over the 30 min limit of a test');
  });

  it('names the flag a bad sweep setting came from, and the planned-time fix in flags', () => {
    expect(() => parseLoadOptions(['-w', 'x', '--sweep-step', '0', '--sweep', '4'])).toThrow(
      /^--sweep-step: /,
    );
    expect(() => parseLoadOptions(['-w', 'x', '--sweep', '0'])).toThrow(/^--sweep: /);
    let message = '';
    try {
      parseLoadOptions('-w x -d 600 -s sequential,concurrent,bounded --sweep 128 --sweep-step 60'.split(' '));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^--duration: .*over the 30 min limit/);
    expect(message).toContain('(--duration)');
    expect(message).toContain('(--sweep)');
    expect(message).toContain('(--sweep-step)');
    expect(message).not.toMatch(/durationS|sweep\.maxPool|stepDurationS/);
  });
});
