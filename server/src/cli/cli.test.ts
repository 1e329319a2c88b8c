import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliHere } from '../../test/support/cli-here';
import { repoRoot } from '../config';

const bin = path.join(repoRoot, 'server/bin/gatherscope.mjs');
/** Runs are saved to History: into a directory of this test's own, never the developer's. */
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-cli-test-'));
const env = { DATABASE_URL: '', GATHERSCOPE_DATA_DIR: dataDir, PORT: '4317' };

/**
 * `gatherscope …` as a user runs it: a process of its own (about 1 CPU-second of start-up through
 * tsx), for what only the process shows: the exit code, piped stdout, Ctrl-C.
 */
function spawned(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The same command in this process (cliHere): what it prints, saves and returns as the exit code. */
const cli = (args: string[]) => cliHere(args);

// The spawned processes' environment, for the commands run in this process; test files share a
// worker process, so the next file gets the environment back.
const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
beforeAll(() => {
  Object.assign(process.env, env);
});
afterAll(async () => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await fs.rm(dataDir, { recursive: true, force: true });
});

const quick = ['--strategies', 'sequential,concurrent', '--iterations', '3', '--warmup', '0'];

describe('gatherscope run (against the test database)', () => {
  const db = inject('demoUrl');

  it('--json prints one JSON document with per-strategy wall-time statistics', async () => {
    const r = await spawned(['run', '--workload', 'user-dashboard', '--db', db, '--json', ...quick]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      status: string;
      results: {
        strategy: string;
        wallMs: { median: number; p95: number };
        speedup: number | null;
        perQuery: { id: string; medianMs: number | null }[];
        errors: unknown[];
      }[];
    };
    expect(doc.status).toBe('completed');
    expect(doc.results.map((x) => x.strategy)).toEqual(['sequential', 'concurrent']);
    for (const x of doc.results) {
      expect(x.errors).toEqual([]);
      expect(x.perQuery.map((q) => q.id)).toEqual(['user', 'recent_orders', 'favorites', 'recent_reviews']);
      for (const q of x.perQuery) expect(q.medianMs).toBeGreaterThan(0);
      expect(x.wallMs.median).toBeGreaterThan(0);
      expect(x.wallMs.p95).toBeGreaterThanOrEqual(x.wallMs.median);
    }
    expect(r.stdout).not.toContain(db);
    expect(r.stderr).toMatch(/\d+% \(\d+ of 6 trials done\)/);
  });

  it('stores the run in History and prints its permalink, unless --no-save', async () => {
    const r = await cli(['run', '--workload', 'user-dashboard', '--db', db, ...quick]);
    expect(r.code, r.stderr).toBe(0);
    const id = /Saved to History: http:\/\/127\.0\.0\.1:4317\/runs\/([a-z0-9]+)/.exec(r.stdout)?.[1];
    expect(id, r.stdout).toBeDefined();
    const saved = JSON.parse(await fs.readFile(path.join(dataDir, 'runs', `${id}.json`), 'utf8'));
    expect(saved).toMatchObject({ id, kind: 'profile', status: 'completed', target: { kind: 'default' } });
    expect(r.stdout).toContain(saved.summary.verdict);
    expect(JSON.stringify(saved)).not.toContain(db);
    const before = (await fs.readdir(path.join(dataDir, 'runs'))).length;
    const unsaved = await cli(['run', '--workload', 'user-dashboard', '--db', db, '--no-save', ...quick]);
    expect(unsaved.code, unsaved.stderr).toBe(0);
    expect(unsaved.stdout).not.toContain('Saved to History');
    expect((await fs.readdir(path.join(dataDir, 'runs'))).length).toBe(before);
  });

  it('--assert exits 1 when a threshold is violated and 0 when all hold', async () => {
    const violated = await spawned([
      'run',
      '--workload',
      'slow-dashboard',
      '--db',
      db,
      ...quick,
      '--assert',
      'concurrent.speedup>=1.5',
      '--assert',
      'sequential.median<50',
    ]);
    expect(violated.code).toBe(1);
    expect(violated.stderr).toMatch(/ok {3}concurrent\.speedup>=1\.5/);
    expect(violated.stderr).toMatch(/FAIL sequential\.median<50 \(actual \d+/);
    expect(violated.stdout).toContain('Concurrent');
  });

  it('a workload whose queries fail exits 1, prints each database error, and lists them in --json', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-cli-'));
    const file = path.join(dir, 'broken.json');
    await fs.writeFile(
      file,
      JSON.stringify({
        name: 'broken',
        queries: [
          // Both parse: they fail when executed, in every trial.
          { id: 'typo', sql: 'SELECT 1 / 0 AS x' },
          { id: 'missing', sql: 'SELECT (SELECT id FROM users) AS id' },
          { id: 'fine', sql: 'SELECT 1' },
        ],
      }),
    );
    const r = await cli([
      'run',
      '--workload',
      file,
      '--db',
      db,
      '--json',
      ...quick,
      '--assert',
      'sequential.median<100000',
    ]);
    await fs.rm(dir, { recursive: true, force: true });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('typo [22012]: division by zero (6×: Sequential 3, Concurrent 3)');
    expect(r.stderr).toContain(
      'missing [21000]: more than one row returned by a subquery used as an expression',
    );
    expect(r.stderr).toContain('The workload has failing queries: 6 of 6 measured trials failed');
    expect(r.stderr).toMatch(/FAIL sequential\.median<100000 \(queries failed in sequential\)/);
    const doc = JSON.parse(r.stdout) as {
      verdict: string;
      results: {
        wallMs: { n: number };
        speedup: number | null;
        perQuery: { id: string; medianMs: number | null; errors: number }[];
        errors: { query: string; code: string | null; message: string; count: number }[];
      }[];
    };
    expect(doc.verdict).toMatch(/^The run could not be measured: query "typo" failed: division by zero/);
    for (const x of doc.results) {
      expect(x.wallMs.n).toBe(0);
      expect(x.speedup).toBeNull();
      expect(x.errors).toEqual([
        { query: 'typo', code: '22012', kind: 'query', message: 'division by zero', count: 3 },
        {
          query: 'missing',
          code: '21000',
          kind: 'query',
          message: 'more than one row returned by a subquery used as an expression',
          count: 3,
        },
      ]);
      expect(x.perQuery.map((q) => [q.id, q.medianMs, q.errors])).toEqual([
        ['typo', null, 3],
        ['missing', null, 3],
        ['fine', null, 0],
      ]);
    }
  });

  it('refuses a workload the database cannot parse before any trial, naming each query', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-cli-'));
    const file = path.join(dir, 'typos.json');
    await fs.writeFile(
      file,
      JSON.stringify({
        name: 'typos',
        queries: [
          { id: 'typo', sql: 'SELEC 1' },
          { id: 'missing', sql: 'SELECT * FROM nosuchtable' },
          { id: 'fine', sql: 'SELECT 1' },
        ],
      }),
    );
    const r = await cli(['run', '--workload', file, '--db', db, ...quick]);
    await fs.rm(dir, { recursive: true, force: true });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('nothing was run:');
    // A syntax error is the policy's, in PostgreSQL's parser's words: refused SQL is never sent.
    expect(r.stderr).toContain(
      `typo: query "typo" is refused: PostgreSQL's parser rejects it: syntax error at or near "SELEC"`,
    );
    expect(r.stderr).toContain(
      '  missing [42P01]: relation "nosuchtable" does not exist (at line 1, column 15)',
    );
    expect(r.stderr).not.toContain('fine');
    expect(r.stderr).not.toContain('trials done');
  });

  it('exits 2 with usage for bad flags, and names the file and field of a bad workload file', async () => {
    const usage = await spawned(['run', '--workload', 'user-dashboard', '--iterations', 'lots']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--iterations needs a number');
    expect(usage.stderr).toContain('Usage: gatherscope run');

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-cli-'));
    const file = path.join(dir, 'bad.json');
    await fs.writeFile(file, JSON.stringify({ name: 'bad', queries: [{ id: 'q', sql: 'SELECT $1' }] }));
    const bad = await cli(['run', '--workload', file, '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${file}: queries.0.params`);

    const typo = path.join(dir, 'typo.json');
    await fs.writeFile(
      typo,
      JSON.stringify({ name: 'typo', queries: [{ id: 'q', sql: 'SELECT 1', simulatedDelay: 50 }] }),
    );
    const refused = await cli(['run', '--workload', typo, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `${typo}: queries.0: unknown field simulatedDelay — did you mean simulatedDelayMs?`,
    );
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('Ctrl-C stops the run, cancels its queries and exits 130', async () => {
    const child = spawn(
      process.execPath,
      [
        bin,
        'run',
        '--workload',
        'slow-dashboard',
        '--db',
        db,
        '--iterations',
        '200',
        '--strategies',
        'sequential',
      ],
      { cwd: repoRoot, env: { ...process.env, ...env } },
    );
    let stderr = '';
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        if (stderr.includes('trials done), last')) resolve();
      });
    });
    const t0 = performance.now();
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(stderr).toContain('Stopped: the in-flight queries were cancelled.');
  });
});
