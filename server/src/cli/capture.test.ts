import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Capture, CaptureSchema } from '@gatherscope/shared';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { cliHere } from '../../test/support/cli-here';
import { repoRoot } from '../config';

const bin = path.join(repoRoot, 'server/bin/gatherscope.mjs');

/** `gatherscope capture …` as a user runs it; `during` gets the URL it printed, then Ctrl-C is sent. */
function capture(args: string[], during?: (url: string) => Promise<void>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, 'capture', ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /^\s+(postgres:\/\/\S+)$/m.exec(stderr);
      if (m && during && !started) {
        started = true;
        void during(m[1]!).finally(() => child.kill('SIGINT'));
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `gatherscope capture …` in this process (cliHere): what it prints and the exit code it returns. */
const captureHere = (args: string[]) => cliHere(['capture', ...args]);

describe('gatherscope capture (against the test database)', () => {
  const db = inject('demoUrl');

  it('prints the URL for the app, records until Ctrl-C, writes the capture and ranks the endpoints', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-capture-cli-'));
    const out = path.join(dir, 'capture.json');
    const r = await capture(['--db', db, '--out', out, '--gap-ms', '300'], async (url) => {
      expect(url).toMatch(/^postgres:\/\/[^:@]+@127\.0\.0\.1:\d+\/gatherscope_demo$/);
      // Not the embedded demo here: the app brings its own password, which passes through.
      const withPassword = new URL(url);
      withPassword.password = new URL(db).password;
      const c = new pg.Client({ connectionString: withPassword.toString() });
      await c.connect();
      for (let i = 1; i <= 3; i++) {
        await c.query('SELECT id FROM users WHERE id = $1', [i]);
        await c.query('SELECT count(*) FROM orders WHERE user_id = $1', [i]);
        await new Promise((res) => setTimeout(res, 900));
      }
      await c.end();
    });
    expect(r.code, r.stderr).toBe(0);
    const doc: Capture = CaptureSchema.parse(JSON.parse(await fs.readFile(out, 'utf8')));
    await fs.rm(dir, { recursive: true, force: true });
    expect(doc.counts.statements).toBe(6);
    expect(doc.requests.map((x) => [x.groupedBy, x.statements.length])).toEqual([
      ['gap', 2],
      ['gap', 2],
      ['gap', 2],
    ]);
    expect(doc.endpoints).toHaveLength(1);
    expect(r.stdout).toMatch(/endpoint\s+requests\s+median ms/);
    expect(r.stdout).toMatch(/untagged [0-9a-f]+: SELECT users → SELECT orders\s+3 /);
    expect(r.stdout).toMatch(/grouped by pauses of 300 ms on a connection, not by request/);
  });

  it('says clearly when the URL is bad, the port is taken or the database is down', async () => {
    const bad = await captureHere(['--db', 'mysql://x@y/z', '--duration', '1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--db: The database URL must start with postgres:\/\//);

    const taken = net.createServer();
    await new Promise<void>((res) => taken.listen(0, '127.0.0.1', res));
    const port = (taken.address() as net.AddressInfo).port;
    const busy = await captureHere(['--db', db, '--port', String(port), '--duration', '1']);
    taken.close();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(new RegExp(`Port ${port} on 127.0.0.1 is already in use`));

    const down = new URL(db);
    down.port = String(port); // nothing listens there any more
    const r = await captureHere(['--db', down.toString(), '--duration', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PostgreSQL|database/i);
    expect(r.stderr).toMatch(/hint:/);
  });
});
