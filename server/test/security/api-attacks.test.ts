import {
  ApiErrorSchema,
  CreatedRunSchema,
  RunRecordSchema,
  statementModes,
  strategyNames,
} from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AdminSession, gatherscopeBackends } from '../pg-admin';
import { type AppUnderTest, appUnderTest, GOOD_HOST } from './app-under-test';
import { attacks } from './attacks';
import { checksum, createVictimDatabase, dbName, dropDatabase } from './fixture';

/**
 * The same attacks through the front door: POST /api/runs with the attack as a custom workload, on
 * the fully wired app (run manager, engine, connections), under every strategy in one run, once per
 * statement mode. Refused ones answer 400 naming the query; the others run, fail at the server,
 * and change nothing.
 */
describe.each(statementModes)(
  'adversarial workloads through the runs API (%s statements)',
  (statementMode) => {
    const template = inject('clusterUrlTemplate');
    let url: string;
    let t: AppUnderTest;
    /** The checks' reads (checksum, backends left): one session, see AdminSession. */
    let admin: AdminSession;
    beforeAll(async () => {
      url = await createVictimDatabase(template, 'gs_api_victim');
      admin = new AdminSession(url);
      t = await appUnderTest(url);
    });
    afterAll(async () => {
      await admin?.end();
      await t?.close();
      if (url) await dropDatabase(template, dbName(url));
    });

    const call = (path: string, init: RequestInit = {}) =>
      t.app.request(`http://${GOOD_HOST}${path}`, {
        ...init,
        headers: { host: GOOD_HOST, 'content-type': 'application/json' },
      });

    for (const attack of attacks) {
      it(attack.name, { timeout: 60_000 }, async () => {
        const before = await checksum(admin);
        const workload = { name: 'attack', queries: attack.sql.map((sql, i) => ({ id: `q${i}`, sql })) };
        const res = await call('/api/runs', {
          method: 'POST',
          body: JSON.stringify({
            workload,
            strategies: [...strategyNames],
            statementMode,
            trials: 1,
            warmup: 0,
            detached: true,
          }),
        });
        const refusedAnywhere = attack.policy === 'refuses';
        if (res.status === 400) {
          const err = ApiErrorSchema.parse(await res.json()).error;
          expect(err.code).toBe('read_only_violation');
          expect(err.issues?.[0]?.path).toMatch(/^workload\.queries\.\d+\.sql$/);
        } else {
          // Only workloads every statement of which the policy allows get this far.
          expect(refusedAnywhere, `the API ran "${attack.name}"`).toBe(false);
          expect(res.status).toBe(201);
          const { id } = CreatedRunSchema.parse(await res.json());
          let status = 'running';
          for (let i = 0; i < 400 && status === 'running'; i++) {
            await new Promise((r) => setTimeout(r, 50));
            status = RunRecordSchema.parse(await (await call(`/api/runs/${id}`)).json()).status;
          }
          expect(status).not.toBe('running');
          const run = RunRecordSchema.parse(await (await call(`/api/runs/${id}`)).json());
          expect(run.settings.statementMode).toBe(statementMode);
          expect(new Set(run.trials.map((tr) => tr.strategy))).toEqual(new Set(strategyNames));
        }
        expect(await checksum(admin)).toBe(before);
        await expect.poll(() => gatherscopeBackends(admin, dbName(url)), { timeout: 5_000 }).toEqual([]);
      });
    }
  },
);
