import type { StatementMode } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SESSION_RESET_SQL } from '../../src/db/guard/read-only-session';
import { stopBackends } from '../../src/db/profiler/admin-calls';
import {
  type ConnectionLimits,
  defaultConnectionLimits,
  ProfilerConnection,
} from '../../src/db/profiler/instrumented-connection';
import type { QueryTiming } from '../../src/db/profiler/instrumented-query';
import { assertWorkloadAllowed, policyFor } from '../../src/guard/workload-policy';
import { AdminSession, gatherscopeBackends } from '../pg-admin';
import { type AppUnderTest, appUnderTest, GOOD_HOST } from './app-under-test';
import { type AttackRun, attacks } from './attacks';
import {
  advisoryLocksHeld,
  checksum,
  createVictimDatabase,
  dbName,
  dropDatabase,
  holdReadLock,
} from './fixture';

const base: ConnectionLimits = {
  ...defaultConnectionLimits,
  statementTimeoutMs: 1_000,
  lockTimeoutMs: 500,
  maxRows: 10_000,
  maxBytes: 4 * 1024 * 1024,
};

/**
 * Every attack against a real PostgreSQL, in one statement mode, sent two ways: one after another on
 * one connection (sequential, and what every other strategy does per connection) or all at once in
 * one pipeline (the pipelined strategy, where a statement is already sent when the one before it
 * runs). The statement policy must refuse what it should, and the server-side layers (read-only
 * startup settings, BEGIN READ ONLY … ROLLBACK around each statement, timeouts, caps, DISCARD ALL
 * between trials) must hold on their own, with the policy bypassed. The table checksum is the same
 * before and after, and the server still answers. One file per statement mode (read-only-*.test.ts),
 * so the modes run in parallel.
 */
export function describeAttacks(statementMode: StatementMode): void {
  describe.each(['one by one', 'pipelined'] as const)(
    `adversarial workloads on a live database (${statementMode} statements, %s)`,
    (send) => {
      const limits: ConnectionLimits = { ...base, statementMode };
      const template = inject('clusterUrlTemplate');
      let url: string;
      let app: AppUnderTest;
      /** The checks' reads (checksum, locks, backends left): one session, see AdminSession. */
      let admin: AdminSession;

      beforeAll(async () => {
        url = await createVictimDatabase(template, 'gs_victim');
        admin = new AdminSession(url);
        app = await appUnderTest(url);
      });
      afterAll(async () => {
        await admin?.end();
        await app?.close();
        if (url) await dropDatabase(template, dbName(url));
      });

      it('has at least 25 attacks', () => {
        expect(attacks.length).toBeGreaterThanOrEqual(25);
      });

      for (const attack of attacks) {
        it(attack.name, async () => {
          const before = await checksum(admin);

          // The policy's verdict on the attack itself; later statements are what it tries next.
          const policy = await policyFor({ url, mode: 'read-only' });
          const verdict = policy.check(attack.sql[0] ?? '');
          expect(verdict !== null, `policy verdict for ${attack.name}`).toBe(attack.policy === 'refuses');
          if (attack.policy === 'refuses') {
            const workload = { name: 'attack', queries: attack.sql.map((sql, i) => ({ id: `q${i}`, sql })) };
            await expect(assertWorkloadAllowed(workload, { url, mode: 'read-only' })).rejects.toMatchObject({
              code: 'read_only_violation',
              status: 400,
            });
          }

          if (attack.serverSide) {
            const reader = attack.holdReadLock ? await holdReadLock(url) : undefined;
            const conn = await ProfilerConnection.open(url, limits, (pid) => void stopBackends(url, [pid]));
            try {
              const results: QueryTiming[] = [];
              const t0 = performance.now();
              if (send === 'pipelined') {
                results.push(...(await conn.pipeline(attack.sql.map((sql) => ({ sql, values: [] })))));
              } else {
                for (const sql of attack.sql) {
                  if (!conn.alive) break;
                  results.push(await conn.run(sql, []));
                }
              }
              const run: AttackRun = { results, pid: conn.pid, url, elapsedMs: performance.now() - t0 };
              await attack.check?.(run);
              // Between trials: whatever session state survived the ROLLBACK is discarded.
              if (conn.alive) await conn.internal(SESSION_RESET_SQL);
              expect(await advisoryLocksHeld(admin, conn.pid)).toBe(0);
            } finally {
              await conn.close();
              await reader?.end();
            }
          }

          expect(await checksum(admin)).toBe(before);
          // The database and Gatherscope still answer, and no backend of ours is left behind.
          const probe = await ProfilerConnection.open(url, limits);
          const ok = await probe.run('SELECT count(*) FROM accounts', []);
          expect(ok.error).toBeNull();
          expect(ok.firstRow).toEqual({ count: '200' });
          await probe.close();
          const health = await app.app.request(`http://${GOOD_HOST}/api/health`, {
            headers: { host: GOOD_HOST },
          });
          expect(health.status).toBe(200);
          await expect
            .poll(
              () =>
                gatherscopeBackends(admin, dbName(url)).then((b) =>
                  b.filter((x) => !x.query.includes('pg_stat_activity')),
                ),
              { timeout: 5_000 },
            )
            .toEqual([]);
        });
      }
    },
  );
}
