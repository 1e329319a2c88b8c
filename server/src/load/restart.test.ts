import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../../test/faults/helpers';
import { startLoadTest } from '../../test/load-run';
import { gatherscopeBackends } from '../../test/pg-admin';
import { type EmbeddedServer, startEmbedded } from '../db/embedded/embedded';

// A cluster of its own: restarting the shared test cluster would fail every other test.
describe('a database restart during a load test', () => {
  let dataDir = '';
  let pg: EmbeddedServer | undefined;
  afterAll(async () => {
    await pg?.stop().catch(() => {});
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('is counted as errors while the test and the process go on, and requests succeed again after it', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gs-load-restart-'));
    pg = await startEmbedded({ dataDir, durable: false });
    const port = pg.port;
    const url = pg.url('postgres');
    const { done, seconds } = startLoadTest(
      'restart1',
      url,
      { name: 'tick', queries: [{ id: 'q', sql: 'SELECT pg_sleep(0.01)' }] },
      { strategies: ['sequential'], model: { kind: 'closed', vus: 2 }, durationS: 9, poolSize: 2 },
    );
    await new Promise((r) => setTimeout(r, 2000));
    await pg.stop();
    await new Promise((r) => setTimeout(r, 1000));
    pg = await startEmbedded({ dataDir, durable: false, port });
    const out = await done;
    expect(out.status).toBe('completed');
    const r = out.results[0]!;
    expect(r.errors).toBeGreaterThan(0);
    expect(Object.keys(r.errorsBySqlstate).length).toBeGreaterThan(0);
    // The last seconds, after the restart, serve requests without errors again.
    const last = seconds.at(-1)!;
    expect(last.requests).toBeGreaterThan(10);
    expect(last.errors).toEqual({});
    // Nothing of Gatherscope is left on the restarted server: no pooled backend, no monitor.
    await until(async () => (await gatherscopeBackends(url)).length === 0, 2_000, 'backends left');
  }, 60_000);
});
