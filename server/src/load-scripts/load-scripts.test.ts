import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LoadModel, WorkloadSchema } from '@gatherscope/shared';
import { loadModule } from 'libpg-query';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getBuiltinWorkload } from '../workloads/builtin';
import { renderK6 } from './k6';
import type { ScriptOptions } from './options';
import { renderPgbench } from './pgbench';
import { planScript, splitPlaceholders } from './script-plan';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatherscope-scripts-'));
beforeAll(() => loadModule());
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const closed: LoadModel = { kind: 'closed', vus: 2, thinkTimeMs: 0, rampUpS: 0 };
const options = (o: Partial<ScriptOptions> = {}): ScriptOptions => ({
  strategy: 'sequential',
  mode: 'prepared',
  model: closed,
  durationS: 10,
  threads: 1,
  ...o,
});

/** Runs Debian's pgbench (PostgreSQL 15, the reference client) with the script, 5 transactions a client. */
function pgbench(script: string, mode: string): { status: number | null; out: string } {
  const file = path.join(dir, `script-${Math.random().toString(36).slice(2)}.sql`);
  fs.writeFileSync(file, script);
  const r = spawnSync(
    'pgbench',
    ['-n', '-f', file, '-M', mode, '-c', '2', '-j', '1', '-t', '5', inject('demoUrl')],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  if (r.error) throw new Error(`pgbench could not run (Debian's postgresql package): ${r.error.message}`);
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('placeholders found by PostgreSQL’s scanner', () => {
  it('cuts at $n outside strings, comments and dollar quotes, in UTF-8 text', () => {
    const sql = "SELECT 'é $1', $2 /* $3 */, $$ $4 $$ FROM t WHERE a = $1 -- $5\n AND b = $2";
    const { pieces, slots } = splitPlaceholders(sql);
    expect(slots).toEqual([2, 1, 2]);
    expect(pieces[0]).toBe("SELECT 'é $1', ");
    expect(pieces.join('|')).toBe("SELECT 'é $1', | /* $3 */, $$ $4 $$ FROM t WHERE a = | -- $5\n AND b = |");
  });
});

describe('pgbench export', () => {
  for (const mode of ['simple', 'extended', 'prepared'] as const) {
    it(`runs the dependent dashboard (refs, shared random ids) in pgbench -M ${mode}`, async () => {
      const plan = await planScript(getBuiltinWorkload('dependent-dashboard'));
      const script = renderPgbench(plan, options({ mode }), 'dependent.sql');
      expect(script).toContain('\\set gs_shared_user random(1, 5000)');
      expect(script).toMatch(/\\aset gs_ref_user_/);
      const r = pgbench(script, mode);
      expect(r.out).toMatch(/number of transactions actually processed: 10\/10/);
      expect(r.status, r.out).toBe(0);
    });
  }

  it('runs the pipelined strategy wave by wave in pgbench’s pipeline mode', async () => {
    const plan = await planScript(getBuiltinWorkload('dependent-dashboard'));
    const script = renderPgbench(plan, options({ strategy: 'pipelined', mode: 'extended' }), 'p.sql');
    expect(script).toContain('\\startpipeline');
    const r = pgbench(script, 'extended');
    expect(r.out).toMatch(/number of transactions actually processed: 10\/10/);
    expect(r.status, r.out).toBe(0);
  });

  it('inlines literals and picks safely, and holds the connection for simulated delays', async () => {
    const workload = WorkloadSchema.parse({
      name: 'literals',
      queries: [
        {
          id: 'a',
          sql: "SELECT $1::text AS quote, $2::int + 1 AS n, $3::text AS colour, ':gs_x' AS untouched;",
          params: ["it's", { kind: 'pick', values: [1, 2, 3] }, { kind: 'pick', values: ['red', "o'range"] }],
          simulatedDelayMs: 2,
        },
      ],
    });
    const script = renderPgbench(await planScript(workload), options({ mode: 'simple' }), 'l.sql');
    expect(script).toContain("'it''s'::text");
    expect(script).toContain("(ARRAY['red', 'o''range'])[:gs_a_p3]");
    expect(script).toContain('\\sleep 2000 us');
    const r = pgbench(script, 'simple');
    expect(r.status, r.out).toBe(0);
  });

  it('says why a column that is no pgbench variable name, or a simple-mode pipeline, cannot be exported', async () => {
    const workload = WorkloadSchema.parse({
      name: 'odd column',
      queries: [
        { id: 'a', sql: 'SELECT 1 AS "order id"' },
        {
          id: 'b',
          sql: 'SELECT $1',
          params: [{ kind: 'ref', query: 'a', column: 'order id' }],
          dependsOn: ['a'],
        },
      ],
    });
    const plan = await planScript(workload);
    expect(() => renderPgbench(plan, options(), 'x.sql')).toThrow(/cannot become a pgbench variable/);
    const ok = await planScript(getBuiltinWorkload('user-dashboard'));
    expect(() => renderPgbench(ok, options({ strategy: 'pipelined', mode: 'simple' }), 'x.sql')).toThrow(
      /extended or prepared/,
    );
  });

  it('writes the run command with the open model’s rate and lag limit', async () => {
    const plan = await planScript(getBuiltinWorkload('user-dashboard'));
    const script = renderPgbench(
      plan,
      options({
        model: { kind: 'open', rate: 200, maxInFlight: 16, maxLagMs: 500 },
        durationS: 30,
        threads: 2,
      }),
      'u.sql',
    );
    expect(script).toContain(
      '-- Run: pgbench -n -f u.sql -M prepared -c 16 -j 2 -R 200 -L 500 -T 30 "$DATABASE_URL"',
    );
  });
});

describe('k6 export (xk6-sql)', () => {
  it('is valid JavaScript with a Trend per query and the scenario of the load model', async () => {
    const plan = await planScript(getBuiltinWorkload('dependent-dashboard'));
    const script = renderK6(
      plan,
      options({ model: { kind: 'closed', vus: 8, thinkTimeMs: 250, rampUpS: 5 } }),
    );
    const file = path.join(dir, 'k6.mjs');
    fs.writeFileSync(file, script);
    const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    for (const q of plan.waves.flat())
      expect(script).toContain(`new Trend("gatherscope_query_${q.id}_ms", true)`);
    expect(script).toContain('"executor": "ramping-vus"');
    expect(script).toContain('firstValue(rows_user, "user", "id")');
    expect(script).toContain('sleep(0.25);');
    const open = renderK6(
      plan,
      options({ model: { kind: 'open', rate: 50, maxInFlight: 10, maxLagMs: 1000 } }),
    );
    expect(open).toContain('"executor": "constant-arrival-rate"');
  });
});
