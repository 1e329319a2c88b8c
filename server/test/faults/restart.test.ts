import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HealthSchema, type RunEvent, RunSettingsSchema, type Workload } from '@gatherscope/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { type EmbeddedServer, startEmbedded } from '../../src/db/embedded/embedded';
import { freePort } from '../../src/db/embedded/free-port';
import { createMetaPool, type MetaPool, withClient } from '../../src/db/postgres';
import { runProfile } from '../../src/engine/run-profile';
import { gatherscopeBackends } from '../pg-admin';
import { noneLeft } from './helpers';

const settings = RunSettingsSchema.parse({
  strategies: ['sequential', 'concurrent'],
  trials: 200,
  warmup: 0,
  poolSize: 3,
});
const workload: Workload = {
  name: 'items',
  queries: [
    { id: 'count', sql: 'SELECT count(*) FROM items' },
    { id: 'slow', sql: 'SELECT pg_sleep(0.05), max(id) FROM items' },
    { id: 'sum', sql: 'SELECT sum(id) FROM items' },
  ],
};

/** A cluster of its own (the shared one must not go down under other tests), stopped and restarted mid-run. */
describe('the database restarts under a run', () => {
  let dataDir: string;
  let port: number;
  let pg: EmbeddedServer;
  let meta: MetaPool;
  const url = () => pg.url('postgres');

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'gatherscope-restart-'));
    port = await freePort();
    pg = await startEmbedded({ dataDir, port, durable: false });
    await withClient(url(), (q) => q('CREATE TABLE items AS SELECT g AS id FROM generate_series(1, 1000) g'));
    meta = createMetaPool(url());
  }, 120_000);
  afterAll(async () => {
    await meta?.close();
    await pg?.stop().catch(() => {});
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  const health = async () => {
    const app = createApp({ meta, databaseUrl: url(), embedded: false, dataDir, log: () => {} });
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    return HealthSchema.parse(await res.json());
  };

  it('spans fail with the SQLSTATE, the run ends with its trials so far, the app keeps serving, the next run works', {
    timeout: 120_000,
  }, async () => {
    expect((await health()).status).toBe('ok');
    const events: RunEvent[] = [];
    let stopping: Promise<void> | undefined;
    const t0 = performance.now();
    const r = await runProfile({
      url: url(),
      workload,
      settings,
      signal: new AbortController().signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'trial' && e.trial === 3 && e.strategy === 'concurrent' && !stopping)
          stopping = pg.stop();
      },
    });
    await stopping;
    const seen = JSON.stringify({
      status: r.status,
      error: r.error,
      trials: r.trials.length,
      ok: r.trials.filter((t) => !t.failed).length,
    });
    expect(performance.now() - t0, seen).toBeLessThan(60_000);
    expect(r.status, seen).toBe('failed');
    expect(r.error?.code, seen).toMatch(/database_unreachable|database_error/);
    expect(r.error?.message, seen).toContain(`127.0.0.1:${port}`);
    expect(r.trials.filter((t) => !t.failed).length, seen).toBeGreaterThanOrEqual(6);
    expect(r.trials.length, seen).toBeLessThan(60);
    const failedSpans = r.trials.flatMap((t) => t.spans).filter((s) => s.error);
    // The statements cut by the shutdown carry the server's reason (57P01 admin_shutdown) or a
    // connection error; none is left without an explanation.
    for (const s of failedSpans) expect(s.error?.message.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'error' });

    // Down: the app still answers, saying where it cannot reach and why.
    const down = await health();
    expect(down.status).toBe('degraded');
    if (down.database.reachable) throw new Error('expected the database to be down');
    expect(down.database.message).toContain(`127.0.0.1:${port}`);
    expect(down.database.message).toMatch(/refused|terminated|reach/i);

    // Back up on the same port: the next run works without restarting anything of Gatherscope.
    pg = await startEmbedded({ dataDir, port, durable: false });
    const again = await runProfile({
      url: url(),
      workload,
      settings: { ...settings, trials: 3 },
      signal: new AbortController().signal,
      onEvent: () => {},
    });
    expect(again.status).toBe('completed');
    expect(again.trials.every((t) => !t.failed)).toBe(true);
    // The metadata pool's connections died with the server; it reconnects by itself.
    expect((await health()).status).toBe('ok');
    const left = (await gatherscopeBackends(url())).map((b) => b.pid);
    await noneLeft(url(), left);
  });
});
