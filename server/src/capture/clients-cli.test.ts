import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { captureDemo, libpqEnv, type TestCapture } from './test-capture';
import { pgbenchBin, psqlBin, run } from './test-tools';

let tc: TestCapture;
beforeAll(async () => {
  tc = await captureDemo(inject('demoUrl'));
});
afterAll(async () => {
  await tc.stop();
});

/** Statements recorded from now on by one program (told apart by its application_name). */
async function recordedFrom(app: string, atLeast: number) {
  const end = performance.now() + 10_000;
  for (;;) {
    const mine = (await tc.statements(0)).filter((s) => s.applicationName === app);
    if (mine.length >= atLeast || performance.now() > end) return mine;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('capturing psql', () => {
  it('records -c with several statements as separate statements of one Query', async () => {
    const env = { ...libpqEnv(tc.url), PGAPPNAME: 'psql-multi' };
    const { stdout } = await run(
      psqlBin(),
      ['-X', '-At', '-c', 'SELECT count(*) FROM users WHERE id < 10; SELECT 2 AS two'],
      { env },
    );
    expect(stdout.trim().split('\n')).toEqual(['9', '2']);
    const mine = await recordedFrom('psql-multi', 2);
    expect(mine.map((s) => [s.sql, s.protocol, s.rows])).toEqual([
      ['SELECT count(*) FROM users WHERE id < 10', 'simple', 1],
      ['SELECT 2 AS two', 'simple', 1],
    ]);
  });

  it('records \\copy as one COPY statement each way', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'capture-copy-'));
    const file = path.join(dir, 'rows.csv');
    await fs.writeFile(file, '1,a\n2,b\n3,c\n');
    const env = { ...libpqEnv(tc.url), PGAPPNAME: 'psql-copy' };
    // Each -c is one command; a backslash command must be alone in its -c.
    const commands = [
      'CREATE TEMP TABLE copied (id int, name text)',
      `\\copy copied FROM '${file}' WITH (FORMAT csv)`,
      '\\copy (SELECT id FROM users ORDER BY id LIMIT 4) TO STDOUT',
    ];
    const { stdout } = await run(
      psqlBin(),
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...commands.flatMap((c) => ['-c', c])],
      {
        env,
      },
    );
    await fs.rm(dir, { recursive: true, force: true });
    expect(stdout.trim().split('\n')).toEqual(['1', '2', '3', '4']);
    const mine = await recordedFrom('psql-copy', 3);
    const copies = mine.filter((s) => s.commandTag?.startsWith('COPY'));
    expect(copies.map((s) => [s.commandTag, s.rows, s.outcome])).toEqual([
      ['COPY 3', 3, 'ok'],
      ['COPY 4', 4, 'ok'],
    ]);
    expect(copies[0]!.sql).toMatch(/^COPY\s+copied\s+FROM STDIN/i);
    expect(copies[0]!.tablesWritten).toEqual(['copied']);
    expect(copies[1]!.bytes).toBeGreaterThan(0);
  });

  it('records a failing statement with its SQLSTATE', async () => {
    const env = { ...libpqEnv(tc.url), PGAPPNAME: 'psql-error' };
    await expect(run(psqlBin(), ['-X', '-c', 'SELECT no_such_column FROM users'], { env })).rejects.toThrow();
    const [s] = await recordedFrom('psql-error', 1);
    expect(s).toMatchObject({ outcome: 'error', error: { sqlstate: '42703' } });
  });
});

describe('capturing pgbench', () => {
  const script = '\\set id random(1, 5000)\nSELECT id, country FROM users WHERE id = :id;\n';
  for (const mode of ['simple', 'extended', 'prepared'] as const) {
    it(`records every transaction of -M ${mode}`, async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'capture-pgbench-'));
      const file = path.join(dir, 'script.sql');
      await fs.writeFile(file, script);
      const env = { ...libpqEnv(tc.url), PGAPPNAME: `pgbench-${mode}` };
      const { stdout } = await run(pgbenchBin(), ['-n', '-M', mode, '-t', '20', '-c', '1', '-f', file], {
        env,
      });
      await fs.rm(dir, { recursive: true, force: true });
      expect(stdout).toMatch(/number of transactions actually processed: 20\/20/);
      const mine = (await recordedFrom(`pgbench-${mode}`, 20)).filter((s) => s.tablesRead.includes('users'));
      expect(mine).toHaveLength(20);
      expect(new Set(mine.map((s) => s.fingerprint)).size).toBe(1);
      for (const s of mine) {
        expect(s).toMatchObject({
          outcome: 'ok',
          rows: 1,
          protocol: mode === 'simple' ? 'simple' : 'extended',
        });
        if (mode === 'simple') expect(s.sql).toMatch(/^SELECT id, country FROM users WHERE id = \d+;?$/);
        else {
          expect(s.sql).toMatch(/^SELECT id, country FROM users WHERE id = \$1;?$/);
          expect(Number(s.params[0])).toBeGreaterThanOrEqual(1);
        }
      }
      if (mode === 'prepared') expect(new Set(mine.map((s) => s.statementName))).toEqual(new Set(['P_0']));
      if (mode === 'extended') expect(mine.every((s) => s.statementName === '')).toBe(true);
    });
  }

  it('records a pipeline whose statements after an error are skipped until Sync', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'capture-pgbench-'));
    const file = path.join(dir, 'pipeline.sql');
    // pgbench sends the whole pipeline before it reads a result: the server skips what follows the error.
    await fs.writeFile(
      file,
      '\\startpipeline\nSELECT 1 AS one;\nSELECT 1/0;\nSELECT 2 AS two;\n\\endpipeline\n',
    );
    const env = { ...libpqEnv(tc.url), PGAPPNAME: 'pgbench-pipeline' };
    await expect(
      run(pgbenchBin(), ['-n', '-M', 'extended', '-t', '1', '-c', '1', '-f', file], { env }),
    ).rejects.toThrow();
    await fs.rm(dir, { recursive: true, force: true });
    const mine = await recordedFrom('pgbench-pipeline', 3);
    expect(mine.map((s) => [s.sql.replace(/;$/, ''), s.outcome, s.error?.sqlstate ?? null])).toEqual([
      ['SELECT 1 AS one', 'ok', null],
      ['SELECT 1/0', 'error', '22012'],
      ['SELECT 2 AS two', 'skipped', ''],
    ]);
  });
});
