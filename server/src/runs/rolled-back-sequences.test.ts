import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseTarget, RunRecordSchema, RunRequestSchema } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminQuery } from '../../test/pg-admin';
import { runProfile } from '../engine/run-profile';
import type { ResolvedTarget } from '../targets/targets';
import { builtinCatalog } from '../workloads/catalog';
import { RunManager } from './manager';
import { RunStore } from './store';

/**
 * An INSERT into a serial column draws from its sequence, which a rollback does not undo. A
 * database of this file's own: the embedded demo has no sequences.
 */
const template = inject('clusterUrlTemplate');
const db = `gs_sequences_${crypto.randomBytes(4).toString('hex')}`;
const url = template.replace('{db}', db);
const target = (embedded: boolean): ResolvedTarget => ({
  url,
  readOnly: embedded,
  database: { name: db, label: embedded ? 'Embedded demo shop' : 'writable', serverVersion: '15', embedded },
});
const sequence = async () =>
  (
    await adminQuery<{ v: string }>(url, "SELECT last_value::text || ':' || is_called AS v FROM notes_id_seq")
  )[0]!.v;
const rows = async () =>
  (await adminQuery<{ n: string }>(url, 'SELECT count(*)::text AS n FROM notes'))[0]!.n;

describe('sequences after a replay whose writes were rolled back', () => {
  let dataDir = '';
  let runs: RunManager;
  beforeAll(async () => {
    await adminQuery(template.replace('{db}', 'postgres'), `CREATE DATABASE ${db}`);
    await adminQuery(url, 'CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-sequences-'));
    runs = new RunManager({
      store: await RunStore.open(dataDir, () => {}),
      runProfile,
      workloads: builtinCatalog,
      resolveTarget: async (t: DatabaseTarget) => target(t.kind === 'default'),
      log: () => {},
    });
  });
  afterAll(async () => {
    await runs.shutdown();
    await fs.rm(dataDir, { recursive: true, force: true });
    await adminQuery(template.replace('{db}', 'postgres'), `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  });

  const replay = async (t: DatabaseTarget) => {
    const { id } = await runs.start(
      RunRequestSchema.parse({
        workload: {
          name: 'note',
          queries: [
            { id: 'note', sql: "INSERT INTO notes (body) VALUES ('hello') RETURNING id" },
            { id: 'count', sql: 'SELECT count(*) AS n FROM notes', dependsOn: ['note'] },
          ],
        },
        strategies: ['sequential', 'concurrent'],
        trials: 2,
        warmup: 0,
        rolledBack: ['note', 'count'],
        target: t,
        detached: true,
      }),
    );
    return RunRecordSchema.parse(await runs.finished(id));
  };

  it('on the embedded demo, puts back the sequences the writes advanced', async () => {
    const before = await sequence();
    const run = await replay({ kind: 'default' });
    expect(run.status).toBe('completed');
    expect(run.trials.flatMap((t) => t.spans).filter((s) => s.error)).toEqual([]);
    expect(run.summary?.verdict).toMatch(
      /public\.notes_id_seq advanced during the replay; Gatherscope put them back\./,
    );
    expect(await sequence()).toBe(before);
    expect(await rows()).toBe('0');
  });

  it('on a saved connection, leaves them and says so (another session may have drawn since)', async () => {
    const before = await sequence();
    const run = await replay({ kind: 'connection', id: 'writable' });
    expect(run.status).toBe('completed');
    expect(run.summary?.verdict).toMatch(/public\.notes_id_seq advanced while the replay ran/);
    expect(await sequence()).not.toBe(before);
    // The rows themselves were rolled back.
    expect(await rows()).toBe('0');
  });
});
