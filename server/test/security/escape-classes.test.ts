import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiErrorSchema, CreatedRunSchema, RunRecordSchema, type Workload } from '@gatherscope/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { newRunId } from '../../src/runs/store';
import { AdminSession, adminQuery } from '../pg-admin';
import { cliHere } from '../support/cli-here';
import { type AppUnderTest, appUnderTest, GOOD_HOST } from './app-under-test';
import { bystander, createVictimDatabase, dbName, dropDatabase, serverState } from './fixture';

/**
 * Each class of escape from issue #12, on the embedded superuser connection (the connection most
 * developers have on their own database), through every path that runs user SQL: profile runs and
 * load tests through the API, a matrix confirmation of a stored run, and the CLI's run and load.
 * Each must be refused before it runs, and nothing outside the rows may change either: replication
 * slots, large objects, locks, settings, collations, the table's file, another application's session
 * (alive, and told nothing), files on the server.
 */
const template = inject('clusterUrlTemplate');
const marker = path.join(os.tmpdir(), `gs-escape-${crypto.randomBytes(4).toString('hex')}`);
const channel = `gs_chan_${crypto.randomBytes(3).toString('hex')}`;
const slot = `gs_sec_${crypto.randomBytes(4).toString('hex')}`;

interface Ctx {
  bystanderPid: number;
  largeObject: string;
}

const cases: { name: string; sql: (c: Ctx) => string; why: RegExp }[] = [
  {
    name: '`--\\r` hides COPY TO PROGRAM',
    sql: () => `SELECT 1 --\r; COPY (SELECT 1) TO PROGRAM 'touch ${marker}-program'`,
    why: /more than one statement/,
  },
  {
    name: '`--\\r` hides COPY TO a server file',
    sql: () => `SELECT 1 --\r; COPY accounts TO '${marker}-file'`,
    why: /more than one statement/,
  },
  {
    name: '`--\\r` hides CHECKPOINT',
    sql: () => 'SELECT 1 --\r; CHECKPOINT',
    why: /more than one statement/,
  },
  {
    name: '`--\\r` hides a call in the same statement',
    sql: () => "SELECT 1 --\r, pg_read_file('/etc/hostname')",
    why: /pg_read_file reads or writes files/,
  },
  {
    name: 'attribute notation reads a server file',
    sql: () => "SELECT ('/etc/hostname'::text).pg_read_file",
    why: /pg_read_file reads or writes files/,
  },
  {
    name: 'attribute notation terminates another session',
    sql: (c) => `SELECT (pid).pg_terminate_backend FROM pg_stat_activity WHERE pid = ${c.bystanderPid}`,
    why: /pg_terminate_backend signals other sessions/,
  },
  {
    name: 'creating a logical replication slot',
    sql: () => "SELECT pg_create_logical_replication_slot('gs_evil', 'test_decoding')",
    why: /pg_create_logical_replication_slot is volatile/,
  },
  {
    name: 'advancing a replication slot',
    sql: () => `SELECT pg_replication_slot_advance('${slot}', pg_current_wal_lsn())`,
    why: /pg_replication_slot_advance is volatile/,
  },
  {
    name: 'consuming a slot’s changes',
    sql: () => `SELECT * FROM pg_logical_slot_get_changes('${slot}', NULL, NULL)`,
    why: /pg_logical_slot_get_changes is volatile/,
  },
  {
    name: 'starting a backup',
    sql: () => "SELECT pg_backup_start('gs')",
    why: /pg_backup_start is volatile/,
  },
  {
    name: 'importing system collations',
    sql: () => "SELECT pg_import_system_collations('public')",
    why: /pg_import_system_collations is volatile/,
  },
  {
    name: 'summarizing BRIN ranges',
    sql: () => "SELECT brin_summarize_new_values('accounts_brin')",
    why: /brin_summarize_new_values is volatile/,
  },
  { name: 'deleting a large object', sql: (c) => `SELECT lo_unlink(${c.largeObject})`, why: /large objects/ },
  {
    name: 'importing a server file as a large object',
    sql: () => "SELECT lo_import('/etc/hostname')",
    why: /large objects/,
  },
  {
    name: 'EXPLAIN ANALYZE SELECT … INTO a new table',
    sql: () => 'EXPLAIN ANALYZE SELECT * INTO newtable FROM accounts',
    why: /SELECT INTO creates a table/,
  },
  {
    name: 'pg_notify to another session',
    sql: () => `SELECT pg_notify('${channel}', 'flood')`,
    why: /pg_notify notifies/,
  },
  {
    name: 'NOTIFY another session',
    sql: () => `NOTIFY ${channel}, 'flood'`,
    why: /NOTIFY statements are not profiled/,
  },
  {
    name: 'VACUUM FULL',
    sql: () => 'VACUUM FULL accounts',
    why: /VACUUM and ANALYZE statements are not profiled/,
  },
  {
    name: 'set_config lifts the statement timeout',
    sql: () => "SELECT set_config('statement_timeout', '0', false)",
    why: /set_config changes session settings/,
  },
  {
    name: 'advancing a sequence (not undone by a rollback)',
    sql: () => "SELECT nextval('tickets')",
    why: /nextval (is volatile|changes a sequence)/,
  },
  {
    name: 'a SQL function of the database takes a session advisory lock',
    sql: () => 'SELECT grab_lock()',
    why: /public\.grab_lock is volatile|pg_try_advisory_lock takes advisory locks/,
  },
  {
    name: 'a procedural function of the database writes',
    sql: () => 'SELECT bump()',
    why: /public\.bump is volatile/,
  },
];

describe('issue #12 escape classes, on every path that runs user SQL', () => {
  let url: string;
  let t: AppUnderTest;
  let listener: Awaited<ReturnType<typeof bystander>>;
  let ctx: Ctx;
  let storedRun: unknown;
  let workloadFile: string;
  /** serverState's reads before and after each attack: one session, see AdminSession. */
  let admin: AdminSession;

  beforeAll(async () => {
    url = await createVictimDatabase(template, 'gs_escape');
    admin = new AdminSession(url);
    await adminQuery(
      url,
      `CREATE INDEX accounts_brin ON accounts USING brin (id) WITH (pages_per_range = 1, autosummarize = off);
       INSERT INTO accounts (owner, balance) SELECT 'late ' || g, g FROM generate_series(1, 2000) g;`,
    );
    const lo = await adminQuery<{ oid: string }>(url, `SELECT lo_from_bytea(0, 'keep me')::text AS oid`);
    await adminQuery(url, `SELECT pg_create_physical_replication_slot('${slot}', true)`);
    listener = await bystander(url, channel);
    ctx = { bystanderPid: listener.pid, largeObject: String(lo[0]?.oid) };
    t = await appUnderTest(url);
    // A run as the matrix confirms it: stored first (runs are also imported from files, with any SQL).
    const res = await call('/api/runs', {
      method: 'POST',
      body: JSON.stringify({
        workload: { name: 'plain', queries: [{ id: 'q0', sql: 'SELECT 1' }] },
        strategies: ['sequential'],
        trials: 1,
        warmup: 0,
        detached: true,
      }),
    });
    const { id } = CreatedRunSchema.parse(await res.json());
    for (let i = 0; i < 200; i++) {
      const status = RunRecordSchema.parse(await (await call(`/api/runs/${id}`)).json()).status;
      if (status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    storedRun = await t.runStore.get(id);
    workloadFile = path.join(t.dataDir, 'attack.json');
  });
  // A test that failed may have lost the other session: the next one gets a new one.
  beforeEach(async () => {
    listener.heard.length = 0;
    if (await listener.alive().catch(() => false)) return;
    await listener.end();
    listener = await bystander(url, channel);
    ctx.bystanderPid = listener.pid;
  });
  afterAll(async () => {
    await admin?.end();
    await listener?.end();
    await t?.close();
    await adminQuery(
      template.replace('{db}', 'postgres'),
      `SELECT pg_drop_replication_slot('${slot}')`,
    ).catch(() => {});
    if (url) await dropDatabase(template, dbName(url));
  });

  const call = (p: string, init: RequestInit = {}) =>
    t.app.request(`http://${GOOD_HOST}${p}`, {
      ...init,
      headers: { host: GOOD_HOST, 'content-type': 'application/json' },
    });

  /**
   * A refusal from the API: 400 read_only_violation naming the query. Anything else is a job that
   * started (the policy failed): wait for it to end, so the checks see what it did.
   */
  const refusal = async (res: Response, job: string) => {
    if (res.status === 400) {
      const err = ApiErrorSchema.parse(await res.json()).error;
      return {
        refused: err.code === 'read_only_violation',
        message: `${err.message} ${JSON.stringify(err.issues)}`,
      };
    }
    const text = await res.text();
    const id = res.status === 201 ? (JSON.parse(text) as { id?: string }).id : undefined;
    for (let i = 0; id && i < 200; i++) {
      const { status } = (await (await call(`${job}/${id}`)).json()) as { status?: string };
      if (status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return { refused: false, message: `HTTP ${res.status}: ${text}` };
  };
  const post = async (job: string, body: unknown) =>
    refusal(await call(job, { method: 'POST', body: JSON.stringify(body) }), job);

  const cli = async (argv: string[]) => {
    const { code, stderr } = await cliHere(argv);
    return { refused: code === 1 && /is refused/.test(stderr), message: stderr };
  };
  /** `gatherscope <command> --workload <the workload, as a file> --db <the victim> …flags`. */
  const cliWith = (command: string, workload: Workload, flags: string[]) => {
    fs.writeFileSync(workloadFile, JSON.stringify(workload));
    return cli([command, '--workload', workloadFile, '--db', url, ...flags]);
  };

  const paths: { name: string; run: (w: Workload) => Promise<{ refused: boolean; message: string }> }[] = [
    {
      name: 'profile run (POST /api/runs)',
      run: async (workload) =>
        post('/api/runs', {
          workload,
          strategies: ['sequential'],
          trials: 1,
          warmup: 0,
          detached: true,
        }),
    },
    {
      // A replay that writes: the attack beside a write, inside the transaction that is rolled back.
      name: 'replay with writes rolled back (POST /api/runs, rolledBack)',
      run: async (workload) =>
        post('/api/runs', {
          workload: {
            ...workload,
            queries: [
              { id: 'write', sql: 'UPDATE accounts SET balance = balance + 1 WHERE id = 1' },
              ...workload.queries.map((q) => ({ ...q, dependsOn: ['write'] })),
            ],
          },
          rolledBack: ['write', ...workload.queries.map((q) => q.id)],
          strategies: ['sequential'],
          trials: 1,
          warmup: 0,
          detached: true,
        }),
    },
    {
      name: 'load test (POST /api/load-tests)',
      run: async (workload) =>
        post('/api/load-tests', {
          workload,
          strategies: ['sequential'],
          model: { kind: 'closed', vus: 1 },
          durationS: 1,
          maxRequests: 5,
          detached: true,
        }),
    },
    {
      name: 'matrix confirmation of a stored run',
      run: async (workload) => {
        const id = newRunId();
        await t.runStore.save({ ...(storedRun as object), id, workload } as never);
        return refusal(await call(`/api/matrix/runs/${id}/consecutive/confirm`, { method: 'POST' }), '');
      },
    },
    {
      name: 'CLI run',
      run: (workload) => cliWith('run', workload, ['-n', '1', '--warmup', '0', '-s', 'sequential']),
    },
    {
      name: 'CLI load',
      run: (workload) => cliWith('load', workload, ['--vus', '1', '--duration', '1', '-s', 'sequential']),
    },
  ];

  for (const c of cases) {
    describe(c.name, () => {
      for (const p of paths) {
        it(`is refused by ${p.name}, and nothing changes`, { timeout: 30_000 }, async () => {
          const before = await serverState(admin);
          const sql = c.sql(ctx);
          const out = await p.run({ name: 'attack', queries: [{ id: 'attack', sql }] });
          // Soft: when the policy fails, the checks below still say what the statement did.
          expect.soft(out.refused, out.message).toBe(true);
          expect.soft(out.message).toMatch(c.why);
          expect(await listener.alive().catch(() => false), 'the other session is alive').toBe(true);
          expect(listener.heard, 'the other session heard nothing').toEqual([]);
          expect(fs.existsSync(`${marker}-program`), 'COPY TO PROGRAM ran').toBe(false);
          expect(fs.existsSync(`${marker}-file`), 'COPY TO a file ran').toBe(false);
          expect(await serverState(admin)).toEqual(before);
        });
      }
    });
  }
});
